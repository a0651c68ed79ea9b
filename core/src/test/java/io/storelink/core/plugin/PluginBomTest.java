package io.storelink.core.plugin;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pf4j.DefaultVersionManager;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM third-party plugins build with (bom/pom.xml, io.storelink:storelink-bom) names what this host provides and
 * checks: it has no parent, so its values are written out and must follow the root pom's.
 */
final class PluginBomTest {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private static Element bom;
    private static Element root;

    @BeforeAll
    static void readPoms() throws Exception {
        Path project = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        bom = read(project.resolve("bom/pom.xml"));
        root = read(project.resolve("pom.xml"));
    }

    @Test
    void namesThePluginApiVersionTheHostChecksPluginsAgainstAndARangeThatAcceptsIt() {
        assertThat(property(bom, "storelink.api.version"))
                .as("storelink.api.version in bom/pom.xml; expected the host's plugin API version")
                .isEqualTo(PluginApiVersion.current());
        String requires = property(bom, "storelink.api.requires");
        assertThat(requires).as("storelink.api.requires in bom/pom.xml; expected the root pom's")
                .isEqualTo(property(root, "storelink.api.requires"));
        assertThat(new DefaultVersionManager().checkVersionConstraint(PluginApiVersion.current(), requires))
                .as("whether storelink.api.requires '%s' in bom/pom.xml accepts the host's API %s", requires,
                        PluginApiVersion.current())
                .isTrue();
    }

    @Test
    void managesWhatTheHostProvidesAsProvidedThePluginSdkAsBundledAndTheTestKitForTestsOnly() {
        String version = text(child(root, "version"));
        assertThat(text(child(bom, "artifactId"))).as("bom/pom.xml's artifactId, which plugin builds name")
                .isEqualTo("storelink-bom");
        assertThat(child(bom, "parent")).as("bom/pom.xml's parent; expected none").isNull();
        assertThat(managedDependencies(bom)).containsExactly(
                "io.storelink:storelink-plugin-api:" + version + ":provided",
                "org.pf4j:pf4j:" + property(root, "dep.pf4j.version") + ":provided",
                "org.slf4j:slf4j-api:" + property(root, "dep.slf4j.version") + ":provided",
                "io.storelink:storelink-plugin-sdk:" + version + ":compile",
                "io.storelink:storelink-plugin-testkit:" + version + ":test");
        assertThat(text(child(bom, "version"))).as("bom/pom.xml's version; expected the project's")
                .isEqualTo(version);
        assertThat(property(bom, "storelink.version")).as("storelink.version in bom/pom.xml; expected the project's")
                .isEqualTo(version);
    }

    /** @return each managed dependency as groupId:artifactId:version:scope, properties resolved */
    private static List<String> managedDependencies(Element pom) {
        List<String> dependencies = new ArrayList<>();
        Element list = child(child(pom, "dependencyManagement"), "dependencies");
        for (Element dependency : children(list, "dependency")) {
            dependencies.add(String.join(":", text(child(dependency, "groupId")),
                    text(child(dependency, "artifactId")), resolve(pom, text(child(dependency, "version"))),
                    text(child(dependency, "scope"))));
        }
        return dependencies;
    }

    private static String property(Element pom, String name) {
        String value = text(child(child(pom, "properties"), name));
        assertThat(value).as("property %s in %s", name, pom.getOwnerDocument().getDocumentURI()).isNotNull();
        return resolve(pom, value);
    }

    private static String resolve(Element pom, String value) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(property(pom, matcher.group(1))));
        }
        return matcher.appendTail(resolved).toString();
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = parent == null ? List.of() : children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().trim();
    }
}
