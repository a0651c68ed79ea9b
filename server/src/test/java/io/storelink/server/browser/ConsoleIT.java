package io.storelink.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.server.ApiClient;
import io.storelink.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium, served by a real server with the real Magento 2 plugin archive, on the
 * Magento 2 sandbox: the whole path from sign-in to a shipment, each step checked against the API, and a screenshot
 * of each page (into {@code target/console-screenshots}, or the folder of {@code -Dstorelink.screenshots}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ConsoleIT {

    private static final String STORE_TOKEN = "console-a1b2c3d4e5f6g7h8";
    private static final String TOKEN_KEY = "storelink.api-token";

    @TempDir
    static Path home;

    private MagentoSandbox sandbox;
    private TestServer server;
    private ApiClient api;
    private ChromeDriver chrome;
    private WebDriverWait wait;
    private Path screenshots;

    @BeforeAll
    void start() throws Exception {
        // A fixed seed and clock: the same orders, dates and numbers on every run, so the screenshots are stable.
        sandbox = MagentoSandbox.builder().seed(14).orderCount(40).token(STORE_TOKEN, Acl.ALL)
                .clock(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC)).build().start();
        server = TestServer.start(home);
        api = server.client();
        screenshots = Path.of(System.getProperty("storelink.screenshots", "target/console-screenshots"));
        chrome = Browser.start();
        wait = new WebDriverWait(chrome, Duration.ofSeconds(15), Duration.ofMillis(50));
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        server.stop();
        sandbox.close();
    }

    @BeforeEach
    void signedOut() {
        chrome.get(server.base() + "/console/");
        chrome.executeScript("sessionStorage.clear()");
        chrome.navigate().refresh();
        visible(By.id("token"));
    }

    @Test
    void addTestImportReviewSearchAndShipThenSignOut() throws Exception {
        screenshot("login");
        signIn();

        String platforms = visible(By.id("platforms")).getText();
        assertThat(chrome.getCurrentUrl()).isEqualTo(server.base() + "/console/");
        assertThat(platforms).contains("Magento 2");
        assertThat(chrome.executeScript("return localStorage.length")).isEqualTo(0L);
        screenshot("platforms");

        addsAConnectionAfterShowingTheFieldErrors();
        JsonNode runs = testsAndImports();
        reviewsTheOrderStatus(runs);
        String number = searchesAndOpensAnOrder();
        shipsItOnce(number);

        chrome.findElement(By.id("sign-out")).click();
        visible(By.id("token"));
        assertThat(chrome.executeScript("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isNull();
        assertThat(Browser.consoleMessages(chrome)).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private void addsAConnectionAfterShowingTheFieldErrors() throws Exception {
        click(By.id("add-magento2"));
        WebElement storeUrl = visible(By.id("root_store-url"));
        assertThat(chrome.getCurrentUrl()).endsWith("/console/connections/new?platform=magento2");
        // Laid out by the server's rjsf uiSchema: its order, its placeholders, a password input for the secret.
        JsonNode ui = api.get("/api/platforms/{platform}/ui-schema", "/api/platforms/magento2/ui-schema?renderer=rjsf")
                .json();
        assertThat(storeUrl.getAttribute("placeholder")).isNotBlank()
                .isEqualTo(ui.get("store-url").get("ui:placeholder").asText());
        assertThat(chrome.findElement(By.id("root_access-token")).getAttribute("type")).isEqualTo("password");
        List<String> order = new ArrayList<>();
        ui.get("ui:order").forEach(key -> order.add("root_" + key.asText()));
        List<String> shown = chrome.findElements(By.cssSelector("#add-connection form [id^=root_]")).stream()
                .map(element -> element.getAttribute("id")).filter(order::contains).toList();
        assertThat(shown).isEqualTo(order.stream().filter(shown::contains).toList()).hasSizeGreaterThan(3);
        // Its sections: per group of the schema, a box with the group's heading first, then the group's fields.
        JsonNode schema = api.get("/api/platforms/{platform}/schema", "/api/platforms/magento2/schema").json();
        for (JsonNode group : schema.get("groups")) {
            String title = group.get("title").asText();
            List<String> expected = new ArrayList<>(List.of(title));
            schema.get("properties").properties().stream()
                    .filter(property -> property.getValue().get("group").equals(group.get("id")))
                    .forEach(property -> expected.add("root_" + property.getKey()));
            WebElement section = chrome.findElement(By.cssSelector("#add-connection form [role=group][aria-label='"
                    + title + "']"));
            assertThat(section.findElements(By.cssSelector("legend, input[id^=root_]"))).extracting(
                    element -> element.getTagName().equals("legend") ? element.getText() : element.getAttribute("id"))
                    .isEqualTo(expected).hasSizeGreaterThan(2);
        }

        click(By.id("create-connection"));
        assertThat(visible(By.id("root_store-url__error")).getText()).isNotBlank();
        assertThat(visible(By.id("root_access-token__error")).getText()).isNotBlank();
        assertThat(visible(By.id("connection-name-error")).getText()).isNotBlank();
        assertThat(connections()).isEmpty();

        chrome.findElement(By.id("connection-name")).sendKeys("shop");
        chrome.findElement(By.id("root_access-token")).sendKeys(STORE_TOKEN);
        chrome.findElement(By.id("root_store-url")).sendKeys("shop.example.com");
        click(By.id("create-connection"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("root_access-token__error")));
        assertThat(visible(By.id("root_store-url__error")).getText()).contains("shop.example.com");
        assertThat(chrome.findElements(By.id("connection-name-error"))).isEmpty();
        assertThat(connections()).isEmpty();
        screenshot("add-connection");

        WebElement url = chrome.findElement(By.id("root_store-url"));
        url.clear();
        url.sendKeys(sandbox.baseUrl().toString());
        click(By.id("create-connection"));
        assertThat(visible(By.cssSelector("#connections [role=status]")).getText()).contains("shop");
        assertThat(connections()).containsExactly("shop");
        assertThat(chrome.getCurrentUrl()).contains("/console/connections");
    }

    private JsonNode testsAndImports() throws Exception {
        By card = By.cssSelector("[data-testid=connection-shop]");
        visible(card).findElement(By.cssSelector("button.test")).click();
        WebElement check = visible(By.cssSelector("[data-testid=check-result]"));
        List<String> shown = new ArrayList<>();
        for (WebElement step : check.findElements(By.cssSelector("li.step"))) {
            shown.add(step.getAttribute("data-code") + "=" + step.getAttribute("data-outcome"));
        }
        List<String> expected = new ArrayList<>();
        JsonNode tested = api.call("post", "/api/connections/{name}/test", "/api/connections/shop/test").send().json();
        tested.get("steps").forEach(step -> expected.add(step.get("code").asText() + "=" + step.get("outcome").asText()));
        assertThat(shown).isNotEmpty().isEqualTo(expected);
        assertThat(check.getText()).contains("All checks passed");

        // A slow store, so the run is seen running before it ends.
        sandbox.setLatency(Duration.ofMillis(150));
        try {
            chrome.findElement(card).findElement(By.cssSelector("button.import")).click();
            visible(By.cssSelector("[data-testid=import-run][data-result=running]"));
            visible(By.cssSelector("[data-testid=import-run][data-result=succeeded]"));
        } finally {
            sandbox.setLatency(Duration.ZERO);
        }
        long processing = sandbox.store().orders().stream().filter(o -> "processing".equals(o.status())).count();
        JsonNode runs = api.get("/api/connections/{name}/imports", "/api/connections/shop/imports").json().get("runs");
        assertThat(runs).hasSize(1);
        JsonNode run = runs.get(0);
        assertThat(run.get("imported").asLong()).isEqualTo(processing).isPositive();
        assertThat(chrome.findElement(By.cssSelector("[data-testid=import-run] [data-testid=imported]")).getText())
                .isEqualTo(Long.toString(processing));
        assertThat(api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?limit=500").json()
                .get("orders")).hasSize((int) processing);
        screenshot("connections");

        // New orders at the store, a second run: the status page's chart has imports over time to show.
        sandbox.store().generateOrders(12);
        chrome.findElement(card).findElement(By.cssSelector("button.import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=import-run]"),
                "Import run " + (run.get("id").asLong() + 1) + " succeeded"));
        return api.get("/api/connections/{name}/imports", "/api/connections/shop/imports").json().get("runs");
    }

    /** @param runs the connection's import runs as the API lists them, newest first */
    private void reviewsTheOrderStatus(JsonNode runs) throws Exception {
        JsonNode run = runs.get(0);
        click(By.cssSelector("[data-testid=connection-shop] .status-link"));
        visible(By.id("status"));
        JsonNode status = null;
        for (JsonNode each : api.get("/api/status", "/api/status").json().get("connections")) {
            status = each.get("connection").asText().equals("shop") ? each : status;
        }
        assertThat(status).isNotNull();
        for (String state : List.of("total", "open", "partly_shipped", "shipped")) {
            assertThat(text(By.cssSelector("[data-testid=orders-" + state + "]")))
                    .isEqualTo(status.get("orders").get(state).asText());
        }
        status.get("shipments").properties().forEach(state -> assertThat(
                text(By.cssSelector("[data-testid=shipments-" + state.getKey() + "]"))).isEqualTo(state.getValue().asText()));
        assertThat(text(By.cssSelector("[data-testid=last-import]"))).contains("Run " + run.get("id").asText(),
                "succeeded", run.get("imported").asText() + " imported");
        assertThat(text(By.cssSelector("[data-testid=last-error]"))).isEqualTo("None.");
        // One bar per run, oldest on the left.
        List<String> bars = chrome.findElements(By.cssSelector("[data-testid=imports-chart] rect.bar")).stream()
                .map(bar -> bar.getAttribute("data-imported")).toList();
        assertThat(bars).hasSize(2).containsExactly(runs.get(1).get("imported").asText(), run.get("imported").asText());
        screenshot("status");
    }

    private String searchesAndOpensAnOrder() throws Exception {
        chrome.navigate().back();
        click(By.cssSelector("[data-testid=connection-shop] .orders-link"));
        List<WebElement> rows = wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".order-row"), 0));
        JsonNode firstPage = api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?limit=10").json();
        assertThat(rows).hasSize(firstPage.get("orders").size());
        screenshot("orders");

        // Keyset paging: the next page shows the API's next page.
        click(By.id("orders-next"));
        String secondFirst = api.get("/api/connections/{name}/orders", "/api/connections/shop/orders?limit=10&after="
                + firstPage.get("next").asText()).json().get("orders").get(0).get("orderNumber").asText();
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".order-row td a"), secondFirst));

        String number = firstPage.get("orders").get(2).get("orderNumber").asText();
        chrome.findElement(By.id("order-search")).sendKeys(number);
        click(By.id("order-search-submit"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".order-row"), 1));
        assertThat(text(By.cssSelector(".order-row td a"))).isEqualTo(number);

        click(By.linkText(number));
        visible(By.id("order"));
        JsonNode order = api.get("/api/connections/{name}/orders/{number}", "/api/connections/shop/orders/" + number)
                .json().get("order");
        List<WebElement> lines = chrome.findElements(By.cssSelector(".line-row"));
        assertThat(lines).hasSize(order.get("lines").size()).isNotEmpty();
        assertThat(lines.get(0).getText()).contains(order.get("lines").get(0).get("sku").asText());
        screenshot("order");
        return number;
    }

    private void shipsItOnce(String number) throws Exception {
        click(By.id("ship-order"));
        WebElement firstQuantity = visible(By.cssSelector("#ship-form input.quantity"));
        assertThat(firstQuantity.getAttribute("value")).isNotBlank();
        chrome.findElement(By.id("tracking-number")).sendKeys("1Z999AA10123456784");
        click(By.id("send-shipment"));
        WebElement result = visible(By.cssSelector("[data-testid=shipment-result][data-answers='1']"));
        String id = result.getAttribute("data-id");
        assertThat(result.getAttribute("data-state")).isEqualTo("sent");
        screenshot("ship");

        click(By.id("send-shipment"));
        WebElement again = visible(By.cssSelector("[data-testid=shipment-result][data-answers='2']"));
        assertThat(again.getAttribute("data-id")).isEqualTo(id);
        List<JsonNode> shipments = new ArrayList<>();
        api.get("/api/shipments", "/api/shipments?connection=shop").json().get("shipments").forEach(shipments::add);
        assertThat(shipments).hasSize(1);
        assertThat(shipments.get(0).get("orderNumber").asText()).isEqualTo(number);
        assertThat(shipments.get(0).get("id").asText()).isEqualTo(id);
        assertThat(shipments.get(0).get("tracking").get(0).get("number").asText()).isEqualTo("1Z999AA10123456784");
    }

    @Test
    void aWrongTokenIsRefusedAndNothingIsKept() {
        chrome.findElement(By.id("token")).sendKeys("slk_not-the-token");
        click(By.cssSelector("#login button[type=submit]"));

        assertThat(visible(By.id("login-error")).getText()).contains("refused");
        assertThat(chrome.executeScript("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isNull();
        assertThat(chrome.findElements(By.id("sign-out"))).isEmpty();
    }

    @Test
    void theTabKeepsTheTokenOverAReloadButANewTabAsksAgain() {
        signIn();
        click(By.id("nav-connections"));
        visible(By.id("connections"));
        chrome.navigate().refresh();
        visible(By.id("connections"));
        assertThat(chrome.getCurrentUrl()).isEqualTo(server.base() + "/console/connections");

        String first = chrome.getWindowHandle();
        chrome.switchTo().newWindow(WindowType.TAB);
        try {
            chrome.get(server.base() + "/console/connections");
            visible(By.id("token"));
            assertThat(chrome.executeScript("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isNull();
        } finally {
            chrome.close();
            chrome.switchTo().window(first);
        }
    }

    @Test
    void aTokenTheApiRefusesSendsTheTabBackToTheLogin() {
        signIn();
        chrome.executeScript("sessionStorage.setItem(arguments[0], 'slk_rotated-away')", TOKEN_KEY);
        click(By.id("nav-connections"));

        assertThat(visible(By.id("login")).getText()).contains("no longer accepts");
        assertThat(chrome.executeScript("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isNull();
    }

    @Test
    void theConsolesPolicyRefusesScriptsItDidNotShip() {
        Browser.consoleMessages(chrome);
        chrome.executeScript("const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                + " document.head.appendChild(s);");

        assertThat(chrome.executeScript("return window.injected === undefined")).isEqualTo(true);
        assertThat(Browser.consoleMessages(chrome)).anyMatch(message -> message.contains("Content Security Policy"));
    }

    private void signIn() {
        visible(By.id("token")).sendKeys(server.token());
        click(By.cssSelector("#login button[type=submit]"));
        visible(By.id("sign-out"));
        assertThat(chrome.executeScript("return sessionStorage.getItem(arguments[0])", TOKEN_KEY))
                .isEqualTo(server.token());
    }

    private List<String> connections() {
        List<String> names = new ArrayList<>();
        api.get("/api/connections", "/api/connections").json().get("connections")
                .forEach(connection -> names.add(connection.get("name").asText()));
        return names;
    }

    private WebElement visible(By locator) {
        try {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
        } catch (TimeoutException e) {
            // What the page showed instead, for whoever reads the failure.
            try {
                Browser.screenshot(chrome, Path.of("target", "console-failure.png"));
                Files.writeString(Path.of("target", "console-failure.html"), chrome.getPageSource());
            } catch (IOException | RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
    }

    private void click(By locator) {
        wait.until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private String text(By locator) {
        return visible(locator).getText();
    }

    private void screenshot(String page) throws Exception {
        Browser.screenshot(chrome, screenshots.resolve(page + ".png"));
    }
}
