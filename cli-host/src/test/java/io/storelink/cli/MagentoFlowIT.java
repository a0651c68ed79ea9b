package io.storelink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.sandbox.Acl;
import io.storelink.sandbox.MagentoSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands end to end: the real distribution's Magento 2 plugin against the sandbox over loopback. */
final class MagentoFlowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "it-a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    private final Path plugins = CliRun.distribution().resolve("plugins");
    private MagentoSandbox sandbox;

    @BeforeEach
    void startSandbox() {
        sandbox = MagentoSandbox.builder().seed(7).orderCount(40).token(TOKEN, Acl.ALL).build().start();
        CliRun add = run("connections", "add", "--name", "shop", "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl());
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }

    @Test
    void importsListsShowsExportsAndReviewsStatus() throws IOException {
        long processing = sandbox.store().orders().stream().filter(order -> "processing".equals(order.status())).count();

        CliRun imported = run("orders", "import", "shop");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported " + processing + " new orders from shop in ");

        JsonNode list = JSON.readTree(run("orders", "list", "shop", "--json").out());
        assertThat(list).hasSize((int) processing);
        String number = list.get(0).get("orderNumber").asText();
        assertThat(run("orders", "show", "shop", number).out()).contains("Order " + number).contains("Lines:");

        Path export = home.resolve("orders.jsonl");
        assertThat(run("orders", "export", "shop", "--format", "jsonl", "--output", export.toString()).exitCode()).isZero();
        List<String> lines = Files.readAllLines(export);
        assertThat(lines).hasSize((int) processing);
        assertThat(JSON.readTree(lines.get(0)).get("lines").isArray()).isTrue();

        CliRun again = run("orders", "import", "shop");
        assertThat(again.out()).startsWith("Imported 0 new orders from shop");

        JsonNode status = JSON.readTree(run("status", "shop", "--json").out()).get(0);
        assertThat(status.get("lastImport").get("result").asText()).isEqualTo("succeeded");
        assertThat(status.get("orders").get("total").asLong()).isEqualTo(processing);
        assertThat(status.get("orders").get("open").asLong()).isEqualTo(processing);
        assertThat(status.has("lastError")).isFalse();
    }

    @Test
    void jsonOutputsPrintTheStoresTotalsAsPlainDecimals() throws IOException {
        // A total Magento sends as a whole number of tens, e.g. 130: a default BigDecimal tree path prints 1.3E+2.
        io.storelink.sandbox.Order round = sandbox.store().orders().stream()
                .filter(order -> "processing".equals(order.status()))
                .filter(order -> order.grandTotal() > 0 && order.grandTotal() % 10 == 0).findFirst().orElseThrow();
        String total = Long.toString((long) round.grandTotal());
        assertThat(run("orders", "import", "shop").exitCode()).isZero();

        CliRun show = run("orders", "show", "shop", round.incrementId(), "--json");

        assertThat(show.out()).contains("\"grandTotal\" : " + total + ",").doesNotContain("E+");
        assertThat(run("orders", "list", "shop", "--json").out()).contains("\"grandTotal\" : " + total + ",")
                .doesNotContain("E+");
        assertThat(run("orders", "export", "shop", "--format", "jsonl").out())
                .contains("\"grandTotal\":" + total + ",").doesNotContain("E+");
    }

    @Test
    void explainsTheBearerSettingWhenTheStoreRefusesTheToken() throws IOException {
        sandbox.setBearerDisabled(true);

        CliRun test = run("connections", "test", "shop");

        assertThat(test.exitCode()).isEqualTo(1);
        assertThat(test.out()).contains("FAIL magento2.token-accepted")
                .contains("The consumer isn't authorized to access Magento_Sales::actions_view.")
                .contains("Allow OAuth Access Tokens to be used as standalone Bearer tokens")
                .contains("does not work yet");

        CliRun imported = run("orders", "import", "shop");
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err()).startsWith("error: ").contains("Magento_Sales::actions_view");
        JsonNode status = JSON.readTree(run("status", "--json").out()).get(0);
        assertThat(status.get("lastImport").get("result").asText()).isEqualTo("failed");
        assertThat(status.get("lastError").get("message").asText()).contains("Magento_Sales::actions_view");
    }
}
