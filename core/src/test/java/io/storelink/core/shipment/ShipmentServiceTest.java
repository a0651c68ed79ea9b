package io.storelink.core.shipment;

import io.storelink.core.order.Fulfilment;
import io.storelink.api.ShipmentLine;
import io.storelink.api.ShipmentResult;
import io.storelink.api.TrackingNumber;
import io.storelink.core.form.FieldError;
import io.storelink.core.form.ValidationException;
import io.storelink.core.order.ImportListener;
import io.storelink.core.order.OrderQueryService;
import io.storelink.core.testing.ScriptedHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox against a real drop-in plugin archive and a real database (a SQLite file; a PostgreSQL schema in the suite's second run). */
final class ShipmentServiceTest {

    @TempDir
    Path home;

    @TempDir
    Path plugins;

    @TempDir
    Path script;

    private ScriptedHost host;
    private List<Duration> sleeps;
    private ShipmentService shipments;
    private OrderQueryService orders;

    @BeforeEach
    void setUp() throws IOException {
        host = new ScriptedHost(home, plugins, script, 3);
        sleeps = host.sleeps;
        shipments = host.shipments;
        orders = host.orders;
        Files.write(script.resolve("orders.txt"), IntStream.rangeClosed(1, 6).mapToObj(Integer::toString).toList());
        host.imports.importOrders("shop", ImportListener.NONE);
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void listingByAStateThatDoesNotExistIsRefusedNotAnsweredWithNothing() {
        shipments.notify("shop", request("00001", "1Z001"));

        assertThatThrownBy(() -> shipments.list("shop", "sended")).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).errors()).asList().containsExactly(new FieldError("state",
                        "'sended' is not a shipment state; expected one of: pending, sending, sent, failed"));
        assertThat(shipments.list("shop", ShipmentRecord.SENT.value())).hasSize(1);
    }

    @Test
    void theKeyAStoreSeesBelongsToTheNotificationNotToTheOutboxRow(@TempDir Path otherHome) throws IOException {
        // A second Storelink (or this one after its database was recreated) numbers its outbox from 1 again: a
        // store or plugin that finds earlier shipments by key must not take its first notification for ours.
        Files.writeString(script.resolve("ship-faults.txt"), "1 retriable\n");
        shipments.notify("shop", request("00001", "1Z001"));
        Files.delete(script.resolve("ship-faults.txt"));
        try (ScriptedHost other = new ScriptedHost(otherHome, plugins, script, 3)) {
            other.imports.importOrders("shop", ImportListener.NONE);
            ShipmentRecord theirs = other.shipments.notify("shop", request("00001", "1Z999",
                    new ShipmentLine("SKU-1", null, BigDecimal.ONE)));
            assertThat(theirs.id()).as("the other outbox's row").isEqualTo(1);
        }
        List<String> keys = Files.readAllLines(script.resolve("ship-keys.txt"));

        assertThat(keys).hasSize(3);
        assertThat(keys.get(1)).as("the retry of our notification").isEqualTo(keys.get(0));
        assertThat(keys.get(2)).as("the other outbox's first notification").isNotEqualTo(keys.get(0));
        assertThat(keys).allSatisfy(key -> assertThat(key).startsWith("storelink-").hasSize(42));
    }

    @Test
    void sendsANotificationAndMarksTheOrderShipped() throws IOException {
        ShipmentRecord record = shipments.notify("shop", request("00001", "1Z001"));

        assertThat(record.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(record.remoteId()).isEqualTo("1");
        assertThat(record.attempts()).isEqualTo(1);
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).containsExactly("1|00001|1Z001|1");
        assertThat(orders.show("shop", "00001").fulfilment()).isEqualTo(Fulfilment.SHIPPED);
    }

    @Test
    void aPartialShipmentLeavesTheOrderPartlyShippedAndTheRestCompletesIt() {
        shipments.notify("shop", request("00002", "1Z002", new ShipmentLine("SKU-2", null, BigDecimal.ONE)));
        assertThat(orders.show("shop", "00002").fulfilment()).isEqualTo(Fulfilment.PARTLY_SHIPPED);

        assertThatThrownBy(() -> shipments.notify("shop", request("00002", "1Z003",
                new ShipmentLine("SKU-2", null, new BigDecimal("3")))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("line", "SKU SKU-2 on order 00002: 3 requested, 1 left to ship")));

        shipments.notify("shop", request("00002", "1Z004", new ShipmentLine("SKU-2", null, BigDecimal.ONE)));
        assertThat(orders.show("shop", "00002").fulfilment()).isEqualTo(Fulfilment.SHIPPED);
    }

    @Test
    void refusesAnSkuThatIsNotOnTheOrderAndStoresNothing() {
        assertThatThrownBy(() -> shipments.notify("shop", request("00003", "1Z005",
                new ShipmentLine("NOPE", null, BigDecimal.ONE))))
                .hasMessage("line: SKU NOPE is not a shippable line of order 00003");
        assertThat(shipments.list("shop", null)).isEmpty();
    }

    @Test
    void aRetryAfterACommittedButDroppedCallNeverShipsTwice() throws IOException {
        Files.writeString(script.resolve("ship-faults.txt"), "1 commit-then-drop\n");

        ShipmentRecord record = shipments.notify("shop", request("00004", "1Z006"));

        assertThat(record.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(record.attempts()).isEqualTo(2);
        assertThat(record.alreadyExisted()).isTrue();
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).containsExactly("1|00004|1Z006|1");
    }

    @Test
    void aPermanentFailureStaysFailedUntilTheUserRetries() throws IOException {
        Files.writeString(script.resolve("ship-faults.txt"), "1 permanent\n");

        ShipmentRecord failed = shipments.notify("shop", request("00005", "1Z007"));

        assertThat(failed.state()).isEqualTo(ShipmentRecord.FAILED);
        assertThat(failed.lastError()).isEqualTo("Order 00005: the store refused the shipment");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(shipments.list("shop", ShipmentRecord.FAILED.value())).extracting(ShipmentRecord::id).containsExactly(failed.id());

        Files.delete(script.resolve("ship-faults.txt"));
        ShipmentRecord retried = shipments.retry(failed.id());

        assertThat(retried.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThatThrownBy(() -> shipments.retry(failed.id()))
                .hasMessageContaining("was sent already (store shipment 1)");
    }

    @Test
    void transientFailuresAreRetriedWithBackoff() throws IOException {
        Files.writeString(script.resolve("ship-faults.txt"), "1 retriable\n2 retriable\n");

        ShipmentRecord record = shipments.notify("shop", request("00006", "1Z008"));

        assertThat(record.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(record.attempts()).isEqualTo(3);
        // Backoff of 100 ms, then 200 ms, each with jitter: between half and all of it.
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aRetryOfEverythingUnsentLeavesARowAnotherLiveProcessIsSending() throws Exception {
        Files.writeString(script.resolve("ship-faults.txt"), "1 hold\n");
        ShipmentRecord[] first = new ShipmentRecord[1];
        Thread sending = new Thread(() -> first[0] = shipments.notify("shop", request("00001", "1Z010")));
        sending.start();
        while (shipments.list("shop", ShipmentRecord.SENDING.value()).isEmpty()) {
            Thread.sleep(10);
        }

        // Before leases, this took the row being sent and sent it a second time.
        List<ShipmentRecord> retried = shipments.retryAllFailed(null);
        Files.writeString(script.resolve("ship-release.txt"), "go");
        sending.join();

        assertThat(retried).singleElement().satisfies(record -> {
            assertThat(record.state()).isEqualTo(ShipmentRecord.SENDING);
            assertThat(record.whyNotSent(java.time.Instant.now())).startsWith("being sent by process "
                    + ProcessHandle.current().pid() + " on ");
        });
        assertThat(first[0].state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(first[0].attempts()).isEqualTo(1);
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).containsExactly("1|00001|1Z010|1");
    }

    @Test
    void aRowLeftMidSendIsTakenOverOnlyAfterItsLeaseEndedAndThenLooksBeforeItCreates() throws IOException {
        ShipmentRecord stored = shipments.enqueue(host.connections.get("shop"), request("00002", "1Z011"));
        // Another process claimed it, reached the store, and died: its lease still runs for a while.
        Files.writeString(script.resolve("shipments.txt"), "1|00002|1Z011|1\n");
        lease(stored.id(), "4242@other-host#dead0001", System.currentTimeMillis() + 60_000);

        BatchReport rerun = shipments.sendBatch("shop", List.of(new ShipmentFile.Row(2, 2,
                request("00002", "1Z011"), null)), 1, done -> { });
        assertThat(rerun.errors()).singleElement().satisfies(error -> assertThat(error.message())
                .startsWith("being sent by process 4242 on other-host (lease until ")
                .contains("); if that process has stopped, send it again after ")
                .endsWith(" with: storelink shipments retry " + stored.id()));
        assertThatThrownBy(() -> shipments.retry(stored.id())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("is being sent by process 4242 on other-host");

        lease(stored.id(), "4242@other-host#dead0001", System.currentTimeMillis() - 1);
        ShipmentRecord taken = shipments.retry(stored.id());

        assertThat(taken.state()).isEqualTo(ShipmentRecord.SENT);
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(taken.alreadyExisted()).isTrue();
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).containsExactly("1|00002|1Z011|1");
    }

    private void lease(long id, String owner, long until) {
        host.database.inTransaction(sql -> {
            try (java.sql.PreparedStatement update = sql.prepareStatement("UPDATE shipment SET state = 'sending', "
                    + "attempts = 1, lease_owner = ?, lease_until = ? WHERE id = ?")) {
                update.setString(1, owner);
                update.setLong(2, until);
                update.setLong(3, id);
                return update.executeUpdate();
            }
        });
    }

    @Test
    void shippingEverythingSendsWhatIsLeftAndAFullyShippedOrderIsRefusedBeforeAnyRequest() throws IOException {
        shipments.notify("shop", request("00003", "1Z012", new ShipmentLine("SKU-3", null, BigDecimal.ONE)));

        ShipmentRecord rest = shipments.notify("shop", request("00003", "1Z013"));

        assertThat(rest.request().lines()).containsExactly(new ShipmentLine("SKU-3", "3-1", BigDecimal.ONE));
        assertThat(rest.shipped()).extracting(ShipmentResult.Shipped::quantity).containsExactly(BigDecimal.ONE);
        assertThat(orders.show("shop", "00003").fulfilment()).isEqualTo(Fulfilment.SHIPPED);
        assertThatThrownBy(() -> shipments.notify("shop", request("00003", "1Z014")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("order", "order 00003 has nothing left to ship: every line was shipped, or is "
                                + "in a notification not sent yet (storelink shipments list --connection <name>)")));
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).hasSize(2);
    }

    @Test
    void notificationsNotYetSentCountAgainstWhatIsLeft() {
        shipments.enqueue(host.connections.get("shop"), request("00004", "1Z015",
                new ShipmentLine("SKU-4", null, new BigDecimal("2"))));

        // The first is not sent yet, but it will ship both: a second for the same line would ship them again.
        assertThatThrownBy(() -> shipments.enqueue(host.connections.get("shop"), request("00004", "1Z016",
                new ShipmentLine("SKU-4", null, BigDecimal.ONE))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("line", "SKU SKU-4 on order 00004: 1 requested, 0 left to ship")));
    }

    @Test
    void theSameNotificationGivenTwiceIsSentOnce() throws IOException {
        ShipmentRecord first = shipments.notify("shop", request("00001", "1Z009"));
        ShipmentRecord second = shipments.notify("shop", request("00001", "1Z009"));

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).hasSize(1);
    }

    @Test
    void aBatchSendsTheGoodRowsAndReportsTheBadOnesByRowNumber() throws IOException {
        Path file = Files.writeString(script.resolve("batch.csv"), """
                order,carrier,tracking,title,lines,notify
                00001,ups,1Z100,UPS,,true
                00002,ups,,UPS,,false
                00003,dhl,JD200,DHL,NOPE=1,false
                00004,dhl,JD300,DHL,SKU-4=1,maybe
                00005,"fedex",FX400,"FedEx, Ground",SKU-5=2,false
                """);

        BatchReport report = shipments.sendBatch("shop", ShipmentFile.read(file), 3, done -> { });

        assertThat(report.rows()).isEqualTo(5);
        assertThat(report.errors()).as("errors").hasSize(3);
        assertThat(report.sent()).as(report.toString()).isEqualTo(2);
        assertThat(report.errors()).containsExactly(
                new BatchReport.RowError(3, 3, null, "column tracking: no value; expected a tracking number"),
                new BatchReport.RowError(4, 4, "00003", "SKU NOPE is not a shippable line of order 00003"),
                new BatchReport.RowError(5, 5, null, "column notify: 'maybe' is not true or false"));
        assertThat(shipments.list("shop", ShipmentRecord.SENT.value())).extracting(ShipmentRecord::orderNumber)
                .containsExactlyInAnyOrder("00001", "00005");

        BatchReport again = shipments.sendBatch("shop", ShipmentFile.read(file), 3, done -> { });
        assertThat(again.sent()).isZero();
        assertThat(again.alreadySent()).isEqualTo(2);
        assertThat(Files.readAllLines(script.resolve("shipments.txt"))).hasSize(2);
    }

    private static ShipmentRequest request(String order, String tracking, ShipmentLine... lines) {
        return new ShipmentRequest(order, List.of(lines), List.of(new TrackingNumber("ups", tracking, "UPS")), null,
                true, null);
    }
}
