package io.storelink.cli;

import io.storelink.sandbox.woo.WooSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code storelink demo} with the distribution's plugins: the whole flow against both bundled sandboxes. */
final class DemoIT {

    @TempDir
    Path home;

    @Test
    void theDemoRunsEveryStepAgainstTheMagentoAndTheWooCommerceSandbox() {
        // The WooCommerce sandbox makes the same orders from the same seed: which are processing, and so imported.
        List<Long> processing = WooSandbox.builder().seed(5).orderCount(30).build().orderIds("processing");

        CliRun demo = CliRun.run(home, CliRun.distribution().resolve("plugins"), "", "demo", "--orders", "30",
                "--seed", "5");

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        String out = demo.out();
        int woo = out.indexOf("== WooCommerce: sandbox with 30 sample orders at http://127.0.0.1:");
        assertThat(out.indexOf("== Magento 2: sandbox with 30 sample orders at http://127.0.0.1:")).isNotNegative()
                .isLessThan(woo);
        assertThat(out.substring(0, woo)).contains("$ storelink connections add --name demo-store")
                .contains("Connection demo-store works.")
                .contains("$ storelink orders import demo-store")
                .contains("$ storelink shipments notify demo-store")
                .contains("sent, attempts 1, store shipment")
                .contains("$ storelink status demo-store")
                .contains("Shipments:    1 sent, 0 pending, 0 failed")
                .contains("Last import:")
                .doesNotContain("demo-woo");
        int done = out.indexOf("== Done.");
        assertThat(done).isGreaterThan(woo);
        assertThat(out.substring(woo, done)).contains("$ storelink connections add --name demo-woo --platform woocommerce")
                .contains("--set consumer-key=<consumer-key> --set consumer-secret=<consumer-secret>")
                .contains("ok   woocommerce.keys-accepted")
                .contains("Connection demo-woo works.")
                .contains("Imported " + processing.size() + " new orders from demo-woo in ")
                .contains(processing.size() + " orders\n")
                .contains("$ storelink shipments notify demo-woo --order " + processing.get(0) + " --carrier dhl "
                        + "--tracking JJDDEMO" + processing.get(0))
                .contains("demo-woo order " + processing.get(0) + " [dhl JJDDEMO" + processing.get(0)
                        + "] sent, attempts 1, store shipment ")
                .contains("Orders:       " + processing.size() + " imported; " + (processing.size() - 1)
                        + " open, 0 partly shipped, 1 shipped")
                .contains("Shipments:    1 sent, 0 pending, 0 failed")
                .doesNotContain("demo-store");
        assertThat(out).doesNotContain(DemoCommand.TOKEN).doesNotContain(DemoCommand.WOO_KEY)
                .doesNotContain(DemoCommand.WOO_SECRET);
    }
}
