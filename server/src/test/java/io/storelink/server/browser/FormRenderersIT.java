package io.storelink.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.server.ConsoleBuild;
import io.storelink.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Magento 2 connection form as the real server exports it (schema and ui-schema, fetched with the API token),
 * drawn in a real headless Chromium by react-jsonschema-form 6 and by JSON Forms 3 with its vanilla renderers, each
 * at its default settings (console/harness/main.jsx), and what each submits accepted by the server unchanged.
 *
 * <p>rjsf at its defaults leaves required fields and {@code format: uri} to the browser's own form validation
 * (HTML5), which stops the submit and marks the fields; JSON Forms validates with its Ajv and shows the message under
 * each control. Both are what a user of the library sees; the test reads each the way it is shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FormRenderersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("access-token", "store-url", "store-view-code",
            "order-import-status", "import-delay", "include-bundle-parent", "compact-ship-notification");
    private static final Map<String, String> SECTIONS = Map.of("access-token", "Credentials",
            "store-url", "Credentials", "store-view-code", "Credentials", "order-import-status", "Import settings",
            "import-delay", "Import settings", "include-bundle-parent", "Import settings",
            "compact-ship-notification", "Import settings");
    private static final String STATUSES = "processing, pending, holded, complete, closed, canceled";

    /** How each library names a field's input and label and shows its errors. */
    enum Library {
        RJSF("rjsf") {
            @Override
            String input(String key) {
                return "[id='root_" + key + "']";
            }

            @Override
            String errorsScript() {
                // The browser's own validation (rjsf sets required and type=url), then rjsf's own field errors.
                return "const found = {};"
                        + "document.querySelectorAll('input:invalid').forEach(i =>"
                        + "  found[i.id.replace('root_', '')] = i.validationMessage);"
                        + "document.querySelectorAll('[id$=\"__error\"] li').forEach(li => {"
                        + "  const key = li.closest('[id$=\"__error\"]').id.replace('root_', '').replace('__error', '');"
                        + "  found[key] = (found[key] ? found[key] + ' | ' : '') + li.textContent; });"
                        + "return found;";
            }
        },
        JSONFORMS("jsonforms") {
            @Override
            String input(String key) {
                return "[id='#/properties/" + key + "-input']";
            }

            @Override
            String errorsScript() {
                return "const found = {};"
                        + "document.querySelectorAll('.control').forEach(c => {"
                        + "  const error = c.querySelector('.validation_error');"
                        + "  if (error && error.textContent) found[c.id.replace('#/properties/', '')] = error.textContent; });"
                        + "return found;";
            }
        };

        final String name;

        Library(String name) {
            this.name = name;
        }

        abstract String input(String key);

        abstract String errorsScript();

        String label(String key) {
            return "label[for='" + input(key).substring(5, input(key).length() - 2) + "']";
        }
    }

    @TempDir
    static Path home;

    private TestServer server;
    private HarnessServer harness;
    private ChromeDriver chrome;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(home);
        harness = new HarnessServer(ConsoleBuild.directory().resolve("target/harness"));
        harness.put("schema.json", fetch("/api/platforms/magento2/schema"));
        for (Library library : Library.values()) {
            harness.put("ui-" + library.name + ".json", fetch("/api/platforms/magento2/ui-schema?renderer=" + library.name));
        }
        chrome = Browser.start();
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        if (harness != null) {
            harness.close();
        }
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void drawsTheMagentoFormMaskedGroupedWithDefaultsUnitsAndStatuses(Library library) throws Exception {
        open(library);

        assertThat(field(library, "access-token").getAttribute("type")).isEqualTo("password");
        assertThat(inputOrder(library)).containsExactlyElementsOf(KEYS);
        List<String> legends = chrome.findElements(By.cssSelector("legend")).stream().map(WebElement::getText).toList();
        if (library == Library.JSONFORMS) {
            assertThat(legends).containsExactly("Credentials", "Import settings");
        } else {
            // The form's title, then the sections, drawn by rjsf's built-in LayoutGridField and LayoutHeaderField.
            assertThat(legends).containsExactly("Magento 2 connection", "Credentials", "Import settings");
            assertThat(chrome.findElements(By.cssSelector("[role=group]")))
                    .extracting(group -> group.getAttribute("aria-label"))
                    .containsExactly("Credentials", "Import settings");
        }
        assertThat(sections(library)).as("each field's section: the heading above it, alone with it in a box")
                .isEqualTo(SECTIONS);
        assertThat(field(library, "compact-ship-notification").isSelected()).isTrue();
        assertThat(field(library, "include-bundle-parent").isSelected()).isFalse();
        assertThat(field(library, "order-import-status").getAttribute("value")).isEqualTo("processing");
        assertThat(field(library, "import-delay").getAttribute("value")).isEqualTo("0");
        String page = chrome.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Delay Orders Imported By (minutes)").contains("In minutes, 0 to 525600")
                .contains("Suggested: " + STATUSES);
        if (library == Library.RJSF) {
            assertThat(chrome.findElements(By.cssSelector("[id='root_order-import-status__examples'] option")))
                    .extracting(option -> option.getAttribute("value"))
                    .containsExactly(STATUSES.split(", "));
        }
        assertThat(label(library, "access-token")).isEqualTo("Access token*");
        assertThat(label(library, "store-url")).isEqualTo("Store URL*");
        assertThat(label(library, "store-view-code")).isEqualTo("Store View Code");
        assertThat(field(library, "store-view-code").getAttribute("required")).isNull();
        assertThat(page).containsPattern("Store View Code\\n(.*\\n)?Optional\\n");
        if (library == Library.RJSF) {
            assertThat(page).contains("Magento 2 connection\nMagento 2 and Adobe Commerce stores,");
        }
        Browser.screenshot(chrome, Path.of("target/screenshots/form-" + library.name + ".png"));
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void anEmptySubmitShowsAReadableErrorOnExactlyTheTwoRequiredFields(Library library) throws Exception {
        open(library);

        Map<String, String> errors = submit(library);

        assertThat(errors).as("errors shown").containsOnlyKeys("access-token", "store-url");
        errors.values().forEach(FormRenderersIT::assertReadable);
        assertThat((Object) chrome.executeScript("return window.__submitted ?? null")).isNull();
        // rjsf never gets the submit (the browser stops it); the JSON Forms page held back data with two errors.
        assertThat((Object) chrome.executeScript("return window.__errors?.length ?? null"))
                .isEqualTo(library == Library.JSONFORMS ? 2L : null);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void aBadUrlShowsOneReadableError(Library library) throws Exception {
        open(library);
        field(library, "access-token").sendKeys("a1b2c3d4e5f6g7h8");
        field(library, "store-url").sendKeys("store.example.com");

        Map<String, String> errors = submit(library);

        assertThat(errors).as("errors shown").containsOnlyKeys("store-url");
        assertThat(errors.get("store-url")).doesNotContain("|");
        assertReadable(errors.get("store-url"));
        assertThat(errors.get("store-url")).containsPattern("(?i)ur[il]").doesNotContain("required");
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void aValidSubmitIsAcceptedByTheServerUnchanged(Library library) throws Exception {
        open(library);
        field(library, "access-token").sendKeys("${env:MAGENTO_TOKEN}");
        field(library, "store-url").sendKeys("https://store.example.com");
        field(library, "store-view-code").sendKeys("default");
        field(library, "import-delay").sendKeys(Keys.chord(Keys.CONTROL, "a"), "30");

        assertThat(submit(library)).isEmpty();
        new WebDriverWait(chrome, Duration.ofSeconds(10)).until(
                driver -> chrome.executeScript("return window.__submitted || window.__errors"));
        assertThat((String) chrome.executeScript("return JSON.stringify(window.__errors ?? null)")).isEqualTo("null");
        String submitted = (String) chrome.executeScript("return JSON.stringify(window.__submitted)");

        assertThat(JSON.readTree(submitted)).isEqualTo(JSON.readTree("{\"access-token\": \"${env:MAGENTO_TOKEN}\","
                + " \"store-url\": \"https://store.example.com\", \"store-view-code\": \"default\","
                + " \"order-import-status\": \"processing\", \"import-delay\": 30, \"include-bundle-parent\": false,"
                + " \"compact-ship-notification\": true}"));
        HttpResponse<String> validated = server.call("/api/connections/validate", "{\"name\": \"from-" + library.name
                + "\", \"platform\": \"magento2\", \"values\": " + submitted + "}");
        assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
        assertThat(JSON.readTree(validated.body()).get("valid").asBoolean()).isTrue();
    }

    private String fetch(String path) throws Exception {
        HttpResponse<String> response = server.call(path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private void open(Library library) {
        chrome.get(harness.page("lib=" + library.name + "&schema=/documents/schema.json&ui=/documents/ui-"
                + library.name + ".json"));
        new WebDriverWait(chrome, Duration.ofSeconds(20)).until(driver -> {
            Object failed = chrome.executeScript("return document.body.dataset.failed ?? null");
            assertThat(failed).as("the harness failed").isNull();
            return !chrome.findElements(By.cssSelector(library.input("compact-ship-notification"))).isEmpty();
        });
    }

    private WebElement field(Library library, String key) {
        return chrome.findElement(By.cssSelector(library.input(key)));
    }

    private String label(Library library, String key) {
        return chrome.findElement(By.cssSelector(library.label(key))).getText().strip();
    }

    /** The field keys of the form's inputs, in the order the page shows them. */
    @SuppressWarnings("unchecked")
    private List<String> inputOrder(Library library) {
        return ((List<String>) chrome.executeScript("return Array.from(document.querySelectorAll('input'))"
                + ".map(i => i.id.replace('root_', '').replace('#/properties/', '').replace(/-input$/, ''))"))
                .stream().filter(KEYS::contains).toList();
    }

    /**
     * @return by field key, the text of the last heading (legend) above its input, with " (shared)" when the smallest
     *     element holding both holds another heading too: so a field is under its section's heading and inside that
     *     section's box, not only after its title
     */
    @SuppressWarnings("unchecked")
    private Map<String, String> sections(Library library) {
        return (Map<String, String>) chrome.executeScript("const found = {};"
                + "const legends = Array.from(document.querySelectorAll('legend'));"
                + "for (const key of arguments[0]) {"
                + "  const input = document.querySelector(arguments[1].replace('KEY', key));"
                + "  const above = legends.filter(l => l.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING);"
                + "  const heading = above[above.length - 1];"
                + "  if (!heading) { found[key] = null; continue; }"
                + "  let box = heading.parentElement;"
                + "  while (!box.contains(input)) box = box.parentElement;"
                + "  found[key] = heading.textContent + (box.querySelectorAll('legend').length === 1 ? '' : ' (shared)'); }"
                + "return found;", KEYS, library.input("KEY"));
    }

    /** Clicks the library's submit button; @return the errors then shown, by field key */
    @SuppressWarnings("unchecked")
    private Map<String, String> submit(Library library) {
        // Leave the field first: JSON Forms shows a focused control's description and hides it on blur, so the
        // button moves between mouse down and up when the blur happens on the click itself.
        chrome.executeScript("document.activeElement?.blur()");
        chrome.findElement(By.cssSelector("button[type=submit]")).click();
        return new TreeMap<>((Map<String, String>) chrome.executeScript(library.errorsScript()));
    }

    /** A message a person reads: words, not a regular expression or a code. */
    private static void assertReadable(String message) {
        assertThat(message).isNotBlank().doesNotContain("pattern").doesNotContain("^").doesNotContain("\\")
                .containsPattern("[A-Za-z]+ [A-Za-z]+");
    }
}
