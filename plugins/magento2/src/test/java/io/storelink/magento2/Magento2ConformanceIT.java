package io.storelink.magento2;

import io.storelink.sandbox.Acl;
import io.storelink.sandbox.Fault;
import io.storelink.sandbox.MagentoSandbox;
import io.storelink.testkit.PluginConformanceTest;
import io.storelink.testkit.StandInStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.util.Map;

import static io.storelink.magento2.Magento2TestSupport.TOKEN;

/** The built Magento 2 archive passes the plugin test kit's conformance checks against the sandbox over loopback. */
final class Magento2ConformanceIT extends PluginConformanceTest {

    /** Enough orders for more than one batch of 300 in the import status. */
    private static final int ORDERS = 900;

    private static MagentoSandbox sandbox;
    private static StandInStore store;

    @BeforeAll
    static void startSandbox() {
        sandbox = MagentoSandbox.builder().port(0).seed(12).orderCount(ORDERS).token(TOKEN, Acl.ALL).build();
        sandbox.start();
        store = new SandboxStandIn(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected Path archive() {
        return Path.of(System.getProperty("plugin.archive"));
    }

    @Override
    protected StandInStore store() {
        return store;
    }

    /** The sandbox as the kit drives it: orders in {@code processing} are the ones ready to ship. */
    private record SandboxStandIn(MagentoSandbox sandbox) implements StandInStore {

        @Override
        public Map<String, String> connectionValues() {
            return Map.of(Magento2Platform.STORE_URL, sandbox.baseUrl().toString(),
                    Magento2Platform.ACCESS_TOKEN, TOKEN,
                    Magento2Platform.ORDER_IMPORT_STATUS, "processing",
                    Magento2Platform.IMPORT_DELAY, "0");
        }

        @Override
        public int ordersReadyToShip() {
            return (int) sandbox.store().orders().stream().filter(order -> order.status().equals("processing")).count();
        }

        @Override
        public void failNextRequests(int requests) {
            sandbox.faults().inject(Fault.status(503).times(requests));
        }

        @Override
        public boolean refuseCredentials() {
            sandbox.faults().inject(Fault.status(401).times(1000));
            return true;
        }

        @Override
        public boolean loseNextShipAnswer() {
            sandbox.faults().inject(Fault.commitThenDrop().on("POST", "/V1/order/\\d+/ship").times(1));
            return true;
        }

        @Override
        public int shipmentsOf(String orderNumber) {
            long entityId = sandbox.store().orders().stream().filter(order -> order.incrementId().equals(orderNumber))
                    .findFirst().orElseThrow().entityId();
            return sandbox.store().shipments(entityId).size();
        }

        @Override
        public void reset() {
            sandbox.faults().clear();
        }
    }
}
