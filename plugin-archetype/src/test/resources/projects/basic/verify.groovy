// Runs after `mvn verify` on the project generated from archetype.properties, below project/ next to this script.
// The build passed; this checks that it built what a plugin author gets and that its tests really ran, none skipped
// or missing.
import java.util.zip.ZipFile
import javax.xml.parsers.DocumentBuilderFactory

def fail = { String why -> throw new AssertionError("archetype IT: " + why) }

def vars = binding.variables
File generated = vars.projectDir ? vars.projectDir as File : new File(vars.basedir as File, 'project/acme-shop-plugin')
File target = new File(generated, 'target')
if (!target.isDirectory()) fail("no generated project's target at " + target + " (script variables: " + vars.keySet() + ")")
File archive = new File(target, 'acme-shop-plugin-1.0.0-SNAPSHOT-plugin.zip')
if (!archive.isFile()) fail("no plugin archive at " + archive)

def zip = new ZipFile(archive)
try {
    def names = zip.entries().collect { it.name }
    def props = new Properties()
    zip.getInputStream(zip.getEntry('plugin.properties')).withStream { props.load(it) }
    if (props.getProperty('plugin.id') != 'acme-shop') fail("plugin.id is " + props.getProperty('plugin.id'))
    if (props.getProperty('plugin.version') != '1.0.0-SNAPSHOT') fail("plugin.version is " + props.getProperty('plugin.version'))
    if (!(props.getProperty('plugin.requires') ==~ />=\d+\.\d+\.\d+ & <\d+\.0\.0/)) fail("plugin.requires is " + props.getProperty('plugin.requires'))
    if (!names.contains('lib/acme-shop-plugin-1.0.0-SNAPSHOT.jar')) fail("the plugin's jar is not under lib/: " + names)
    // The plugin SDK and what it brings are private to the plugin: bundled under lib/.
    if (!names.any { it ==~ /lib\/storelink-plugin-sdk-[^\/]+\.jar/ }) fail("the plugin SDK is not bundled: " + names)
    if (!names.any { it ==~ /lib\/httpclient5-.*\.jar/ }) fail("the SDK's httpclient5 is not bundled: " + names)
    if (!names.any { it ==~ /lib\/jackson-databind-.*\.jar/ }) fail("Jackson is not bundled: " + names)
    def host = names.findAll { it ==~ /lib\/(storelink-(?!plugin-sdk-)|pf4j-|slf4j-).*/ }
    if (host) fail("the archive bundles the host's jars: " + host)
} finally {
    zip.close()
}

def jar = new ZipFile(new File(target, 'acme-shop-plugin-1.0.0-SNAPSHOT.jar'))
try {
    def index = jar.getEntry('META-INF/extensions.idx')
    if (index == null) fail("META-INF/extensions.idx is missing: the PF4J annotation processor did not run")
    def extensions = jar.getInputStream(index).text
    if (!extensions.contains('com.example.storelink.acme.AcmeShopPlatform')) fail("extensions.idx lists " + extensions)
} finally {
    jar.close()
}

// Each report's counts: the unit tests and the conformance checks ran, and none failed, erred or was skipped.
def counts = { String dir, String name ->
    File report = new File(target, dir + '/TEST-' + name + '.xml')
    if (!report.isFile()) fail("no report " + report + ": the tests did not run")
    def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report).documentElement
    [tests: suite.getAttribute('tests') as int, failures: suite.getAttribute('failures') as int,
     errors: suite.getAttribute('errors') as int, skipped: suite.getAttribute('skipped') as int]
}
def unit = counts('surefire-reports', 'com.example.storelink.acme.AcmeShopConnectorTest')
def kit = counts('failsafe-reports', 'com.example.storelink.acme.AcmeShopConformanceIT')
if (unit.tests < 8 || unit.failures + unit.errors + unit.skipped > 0) fail("unit tests: " + unit)
if (kit.tests < 8 || kit.failures + kit.errors + kit.skipped > 0) fail("conformance checks: " + kit)
println "archetype IT: built " + archive.name + "; unit tests " + unit + "; conformance checks " + kit
return true
