package io.storelink.cli;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.sandbox.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two hosts on one database: two commands at once, each with its own injector, lease owner and Magento 2 connector,
 * against the Magento sandbox over loopback, which records every request it gets.
 */
final class TwoHostsIT {

    private static final String TOKEN = "two-a1b2c3d4e5f6g7h8";

    @TempDir
    Path home;

    private final Path plugins = CliRun.distribution().resolve("plugins");

    @Test
    void theSameBatchSentByTwoHostsAtOnceReachesTheStoreOncePerNotification() throws Exception {
        try (MagentoSandbox sandbox = MagentoSandbox.builder().seed(5).orderCount(60).token(TOKEN, Acl.ALL)
                .build().start()) {
            List<Order> shippable = sandbox.store().orders().stream()
                    .filter(order -> "processing".equals(order.status()))
                    .filter(order -> order.items().stream().allMatch(item -> item.productType().equals("simple")
                            && item.parentItemId() == 0 && item.qtyShipped() == 0))
                    .toList();
            assertThat(shippable).as("simple-only processing orders in the sample").hasSizeGreaterThanOrEqualTo(4);
            assertThat(run("connections", "add", "--name", "shop", "--platform", "magento2",
                    "--set", "access-token=" + TOKEN, "--set", "store-url=" + sandbox.baseUrl()).exitCode()).isZero();
            assertThat(run("orders", "import", "shop").exitCode()).isZero();
            List<String> rows = new ArrayList<>(List.of("order,carrier,tracking,title,lines,notify,comment"));
            for (int i = 0; i < shippable.size(); i++) {
                rows.add(shippable.get(i).incrementId() + ",ups,1Z7" + i + ",UPS,,false,");
            }
            Path file = Files.write(home.resolve("shipped.csv"), rows);
            sandbox.requestLog().clear();

            // The same file given to two hosts (two operators, or a retried upload). The store holds host A's
            // first ship calls (two at a time: a connector's requests share its two request slots); host B goes
            // through the whole file meanwhile, leaving to A what A is sending.
            sandbox.faults().inject(Fault.hold().on("POST", "/V1/order/\\d+/ship").times(2));
            ExecutorService hostA = Executors.newSingleThreadExecutor();
            try {
                Future<CliRun> batchOfA = hostA.submit(() -> batch(file));
                awaitHeld(sandbox, 2);
                CliRun batchOfB = batch(file);
                assertThat(batchOfB.out()).contains(shippable.size() + " rows: " + (shippable.size() - 2)
                        + " sent, 0 sent before, 2 not sent.");
                assertThat(batchOfB.err()).contains("being sent by process");
                sandbox.faults().release();
                assertThat(batchOfA.get(120, TimeUnit.SECONDS).out()).contains(shippable.size() + " rows: 2 sent, "
                        + (shippable.size() - 2) + " sent before, 0 not sent.");
            } finally {
                sandbox.faults().clear();
                sandbox.faults().release();
                hostA.shutdownNow();
            }

            long shipCalls = sandbox.requestLog().entries().stream()
                    .filter(entry -> entry.method().equals("POST") && entry.path().matches(".*/V1/order/\\d+/ship"))
                    .count();
            assertThat(shipCalls).as("one ship call per notification").isEqualTo(shippable.size());
            for (Order order : shippable) {
                assertThat(sandbox.store().shipments(order.entityId())).hasSize(1);
            }
            assertThat(run("status", "shop").out())
                    .contains("Shipments:    " + shippable.size() + " sent, 0 pending, 0 failed");
        }
    }

    private CliRun batch(Path file) {
        return run("shipments", "import", "shop", file.toString(), "--concurrency", "2");
    }

    private static void awaitHeld(MagentoSandbox sandbox, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sandbox.faults().held() < calls && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sandbox.faults().held()).as("ship calls held at the store").isGreaterThanOrEqualTo(calls);
    }

    private CliRun run(String... args) {
        return CliRun.run(home, plugins, "", args);
    }
}
