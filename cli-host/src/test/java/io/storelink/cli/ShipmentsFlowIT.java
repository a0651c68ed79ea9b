package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ship notifications end to end: the CLI, the outbox and the Magento 2 plugin against the sandbox. */
final class ShipmentsFlowIT {

    private static final String TOKEN = "ship-a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    private final Path plugins = CliRun.distribution().resolve("plugins");
    private MagentoSandbox sandbox;
    private List<Order> shippable;

    @BeforeEach
    void importOrders() {
        sandbox = MagentoSandbox.builder().seed(5).orderCount(60).token(TOKEN, Acl.ALL).build().start();
        shippable = sandbox.store().orders().stream()
                .filter(order -> "processing".equals(order.status()))
                .filter(order -> order.items().stream().allMatch(item -> item.productType().equals("simple")
                        && item.parentItemId() == 0 && item.qtyShipped() == 0))
                .toList();
        assertThat(shippable).as("simple-only processing orders in the sample").hasSizeGreaterThanOrEqualTo(4);
        add("shop", "true");
        assertThat(run("orders", "import", "shop").exitCode()).isZero();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void notifiesAndMarksTheOrderShipped() {
        Order order = shippable.get(0);

        CliRun notify = run("shipments", "notify", "shop", "--order", order.incrementId(), "--carrier", "ups",
                "--tracking", "1Z100", "--notify", "--comment", "Packed at bay 4");

        assertThat(notify.exitCode()).as(notify.err()).isZero();
        assertThat(notify.out()).contains("sent, attempts 1, store shipment ");
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
        assertThat(run("orders", "show", "shop", order.incrementId()).out()).contains("Fulfilment: shipped");
        assertThat(run("status", "shop").out()).contains("Shipments:    1 sent, 0 pending, 0 failed");
    }

    @Test
    void aCommittedButDroppedShipIsRetriedIntoExactlyOneShipment() {
        Order order = shippable.get(1);
        sandbox.faults().inject(Fault.commitThenDrop().on("POST", "/V1/order/\\d+/ship").times(1));

        CliRun notify = run("shipments", "notify", "shop", "--order", order.incrementId(), "--carrier", "dhl",
                "--tracking", "JD200");

        assertThat(notify.exitCode()).as(notify.out() + notify.err()).isZero();
        assertThat(notify.out()).contains("sent, attempts 2").contains("found on the store from an earlier attempt");
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    @Test
    void aRefusedShipmentStaysFailedUntilRetried() {
        Order order = shippable.get(2);
        sandbox.store().setStatus(order.entityId(), "holded", "holded");

        CliRun notify = run("shipments", "notify", "shop", "--order", order.incrementId(), "--carrier", "ups",
                "--tracking", "1Z300");
        assertThat(notify.exitCode()).isEqualTo(1);
        assertThat(notify.out()).contains("failed, attempts 1").contains(order.incrementId());
        assertThat(run("shipments", "list", "--state", "failed").out()).contains("order " + order.incrementId());
        assertThat(run("status", "shop").out()).contains("1 failed");

        sandbox.store().setStatus(order.entityId(), "processing", "processing");
        CliRun retry = run("shipments", "retry", "--all-failed");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("sent, attempts 2");
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    @Test
    void aBatchSendsGoodRowsAndNamesBadRowsByRowLineAndColumn() throws IOException {
        // Saved as Excel's "CSV UTF-8": a byte order mark, CRLF line ends, a quoted value that spans two lines.
        byte[] text = String.join("\r\n",
                "order,carrier,tracking,title,lines,notify,comment",
                shippable.get(0).incrementId() + ",ups,1Z500,\"UPS, Ground\",,true,\"Packed by bay 4,",
                "fragile\"",
                shippable.get(1).incrementId() + ",ups,1Z501,UPS,NO-SUCH-SKU=1,false,",
                shippable.get(2).incrementId() + ",ups,,UPS,,false,",
                shippable.get(3).incrementId() + ",fedex,FX502,FedEx,,false,",
                "999999999,ups,1Z503,UPS,,false,").concat("\r\n").getBytes(StandardCharsets.UTF_8);
        Path file = home.resolve("shipped.csv");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Files.write(file, text, StandardOpenOption.APPEND);

        CliRun batch = run("shipments", "import", "shop", file.toString(), "--concurrency", "3");

        assertThat(batch.exitCode()).as(batch.err()).isEqualTo(1);
        assertThat(batch.out()).contains("5 rows: 2 sent, 0 sent before, 3 not sent.");
        assertThat(batch.err().lines().toList()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("row 3, line 4 (order " + shippable.get(1).incrementId()
                        + "): ").contains("NO-SUCH-SKU"))
                .anySatisfy(line -> assertThat(line).isEqualTo("row 4, line 5: column tracking: no value; "
                        + "expected a tracking number"))
                .anySatisfy(line -> assertThat(line).startsWith("row 6, line 7 (order 999999999): ")
                        .contains("999999999"));
        assertThat(sandbox.store().shipments(shippable.get(0).entityId())).hasSize(1);
        assertThat(sandbox.store().shipments(shippable.get(3).entityId())).hasSize(1);

        CliRun again = run("shipments", "import", "shop", file.toString());
        assertThat(again.out()).contains("2 sent before");
        assertThat(sandbox.store().shipments(shippable.get(0).entityId())).hasSize(1);
    }

    @Test
    void theFullShipmentRouteWorksWhenCompactIsOff() {
        add("shop-full", "false");
        assertThat(run("orders", "import", "shop-full").exitCode()).isZero();
        Order order = shippable.get(0);
        sandbox.requestLog().clear();

        CliRun notify = run("shipments", "notify", "shop-full", "--order", order.incrementId(), "--carrier", "ups",
                "--tracking", "1Z600", "--notify");

        assertThat(notify.exitCode()).as(notify.out() + notify.err()).isZero();
        assertThat(sandbox.requestLog().entries()).extracting(entry -> entry.method() + " " + entry.path())
                .anyMatch(request -> request.matches("POST .*/V1/shipment"))
                .anyMatch(request -> request.matches("POST .*/V1/shipment/\\d+/emails"))
                .noneMatch(request -> request.matches("POST .*/V1/order/\\d+/ship"));
        assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
    }

    private void add(String name, String compact) {
        CliRun add = run("connections", "add", "--name", name, "--platform", "magento2",
                "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl(),
                "--set", "compact-ship-notification=" + compact);
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }
}
