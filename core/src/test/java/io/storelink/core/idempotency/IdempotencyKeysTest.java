package io.storelink.core.idempotency;

import io.storelink.core.testing.AllAtOnce;
import io.storelink.core.testing.TestDatabases;
import io.storelink.core.storage.Database;
import io.storelink.core.storage.LeaseLostException;
import io.storelink.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotency keys in a real database: kept across restarts, one key never acts twice, other keys never wait. */
final class IdempotencyKeysTest {

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static IdempotencyKeys.Answer answer(String text) {
        return new IdempotencyKeys.Answer(201, body(text));
    }

    private void claim(Database database, String key, String owner) {
        database.inTransaction(sql -> sql.createStatement().executeUpdate("INSERT INTO idempotency_key "
                + "(scope, key, request_sha256, created_at, claimed_at, claimed_by) VALUES ('s', '" + key + "', "
                + "'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb', '" + clock.instant() + "', '" + clock.instant() + "', '"
                + owner + "')"));
    }

    private static String hostPart(String owner) {
        return owner.substring(owner.indexOf('@') + 1, owner.lastIndexOf('#'));
    }

    @Test
    void aRepeatGetsTheFirstAnswerAlsoAfterARestartAndADifferentRequestIsRefused() {
        AtomicInteger acted = new AtomicInteger();
        try (Database database = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(database, clock);
            assertThat(keys.answer("shipments shop", "k1", body("{\"order\":\"1\"}"),
                    () -> answer("shipment " + acted.incrementAndGet())).status()).isEqualTo(201);
        }
        try (Database reopened = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(reopened, clock);
            IdempotencyKeys.Answer again = keys.answer("shipments shop", "k1", body("{\"order\":\"1\"}"),
                    () -> answer("shipment " + acted.incrementAndGet()));

            assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("shipment 1");
            assertThat(acted).hasValue(1);
            assertThatThrownBy(() -> keys.answer("shipments shop", "k1", body("{\"order\":\"2\"}"),
                    () -> answer("never"))).isInstanceOf(IdempotencyKeys.ReusedException.class)
                    .hasMessageContaining("'k1'");
            // The same key on another connection is another key.
            assertThat(keys.answer("shipments other", "k1", body("{\"order\":\"2\"}"), () -> answer("other"))
                    .status()).isEqualTo(201);
        }
    }

    @Test
    void aKeyBeingHandledIsRefusedWhileAnotherKeyGoesAhead() throws Exception {
        try (Database database = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(database, clock);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            Thread slow = new Thread(() -> keys.answer("s", "slow", body("a"), () -> {
                inside.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer("slow");
            }));
            slow.start();
            inside.await();

            assertThatThrownBy(() -> keys.answer("s", "slow", body("a"), () -> answer("twice")))
                    .isInstanceOf(IdempotencyKeys.InProgressException.class);
            assertThat(keys.answer("s", "fast", body("b"), () -> answer("fast")).status())
                    .as("another key while the slow one runs").isEqualTo(201);
            finish.countDown();
            slow.join(5_000);
            assertThat(new String(keys.answer("s", "slow", body("a"), () -> answer("never")).body(),
                    StandardCharsets.UTF_8)).isEqualTo("slow");
        }
    }

    @Test
    void requestsAtOnceActOncePerKeyAndClaimsOfDifferentKeysNeverFailEachOther() throws Exception {
        try (Database database = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(database, clock);
            AtomicInteger acted = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            // 8 threads, each posting 4 keys at once with the other threads, every key twice: a key acts once, its
            // other request gets the answer or is told the first is still running.
            List<List<String>> seen = AllAtOnce.run(8, () -> {
                int thread = next.getAndIncrement();
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String key = "k" + ((thread / 2) * 4 + i);
                    try {
                        answers.add(key + "=" + new String(keys.answer("s", key, body("a"),
                                () -> answer(key + " acted " + acted.incrementAndGet())).body(),
                                StandardCharsets.UTF_8).replaceAll(" \\d+$", ""));
                    } catch (IdempotencyKeys.InProgressException e) {
                        answers.add(key + "=busy");
                    }
                }
                return answers;
            });

            assertThat(acted).as("16 keys, each acting once").hasValue(16);
            assertThat(seen.stream().flatMap(List::stream).filter(answer -> !answer.endsWith("=busy")))
                    .allMatch(answer -> answer.equals(answer.substring(0, answer.indexOf('=')) + "="
                            + answer.substring(0, answer.indexOf('=')) + " acted"));
            assertThat(keysStored(database)).hasSize(16);
            // At READ COMMITTED on PostgreSQL, writer by writer on SQLite: no claim ran into another and ran again.
            assertThat(database.retries()).isZero();
        }
    }

    @Test
    void anAnswerPastItsTtlIsSweptOnceAMinuteAndIgnoredUntilThen() {
        try (Database database = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(database, clock);
            keys.answer("s", "old", body("a"), () -> answer("first"));
            keys.answer("s", "other", body("a"), () -> answer("other"));
            clock.advance(IdempotencyKeys.TTL.plus(Duration.ofSeconds(1)));

            // The key's answer expired: the same key is a new request, even with another body, and acts again.
            assertThat(new String(keys.answer("s", "old", body("b"), () -> answer("second")).body(),
                    StandardCharsets.UTF_8)).isEqualTo("second");
            // The sweep ran before that claim: "other" is gone from the table, "old" holds its new answer.
            assertThat(keysStored(database)).containsExactly("old");

            // The next sweep waits a minute: an answer expiring meanwhile stays until then.
            clock.advance(IdempotencyKeys.TTL.minus(Duration.ofSeconds(30)));
            keys.answer("s", "new", body("a"), () -> answer("new"));
            clock.advance(Duration.ofSeconds(40));
            keys.answer("s", "newer", body("a"), () -> answer("newer"));
            assertThat(keysStored(database)).as("swept at most once a minute").containsExactly("new", "newer", "old");
            // Expired though not swept yet: ignored, as if gone.
            assertThat(new String(keys.answer("s", "old", body("c"), () -> answer("third")).body(),
                    StandardCharsets.UTF_8)).isEqualTo("third");
            assertThat(keys.answer("s", "old", body("c"), () -> answer("fourth")).body())
                    .as("the new answer is kept").isEqualTo(body("third"));
        }
    }

    private static List<String> keysStored(Database database) {
        return database.inTransaction(sql -> {
            List<String> stored = new ArrayList<>();
            try (ResultSet rows = sql.createStatement().executeQuery("SELECT key FROM idempotency_key ORDER BY key")) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
            return stored;
        });
    }

    @Test
    void aFailedRequestLeavesTheKeyFreeAndAClaimLeftByADeadProcessIsTakenOver() {
        try (Database database = TestDatabases.open(home)) {
            IdempotencyKeys keys = new IdempotencyKeys(database, clock);
            assertThatThrownBy(() -> keys.answer("s", "k", body("a"), () -> {
                throw new IllegalStateException("the store refused it");
            })).hasMessage("the store refused it");
            assertThat(keys.answer("s", "k", body("a"), () -> answer("sent")).status())
                    .as("the same key again after a failure").isEqualTo(201);

            // Claims with no answer, their processes gone mid-request (the digest is SHA-256 of "a"): one of another
            // machine, waited for until the claim is stale, and one of this machine, taken over at once.
            claim(database, "elsewhere", "4242@another-host#dead0001");
            claim(database, "here", "2147483646@" + hostPart(database.leases().owner()) + "#dead0002");
            assertThatThrownBy(() -> keys.answer("s", "elsewhere", body("a"), () -> answer("x")))
                    .isInstanceOf(IdempotencyKeys.InProgressException.class);
            assertThat(new String(keys.answer("s", "here", body("a"), () -> answer("taken over at once")).body(),
                    StandardCharsets.UTF_8)).isEqualTo("taken over at once");
            clock.advance(IdempotencyKeys.STALE_CLAIM.plus(Duration.ofSeconds(1)));
            assertThat(new String(keys.answer("s", "elsewhere", body("a"), () -> answer("taken over")).body(),
                    StandardCharsets.UTF_8)).isEqualTo("taken over");
        }
    }

    @Test
    void aProcessWhoseClaimWasTakenOverStoresNoAnswerAndLeavesTheOtherProcesssClaim() throws Exception {
        try (Database first = TestDatabases.open(home); Database second = TestDatabases.open(home)) {
            IdempotencyKeys keysA = new IdempotencyKeys(first, clock);
            IdempotencyKeys keysB = new IdempotencyKeys(second, clock);
            CountDownLatch acting = new CountDownLatch(1);
            CountDownLatch wake = new CountDownLatch(1);
            // A is held inside its action past the stale-claim time (a paused host), then answers or fails.
            CompletableFuture<IdempotencyKeys.Answer> ofA = CompletableFuture.supplyAsync(() -> keysA.answer("s",
                    "k", body("a"), () -> {
                        acting.countDown();
                        awaitQuietly(wake);
                        return answer("from a");
                    }));
            CompletableFuture<IdempotencyKeys.Answer> failingA = CompletableFuture.supplyAsync(() -> keysA.answer(
                    "s", "f", body("a"), () -> {
                        acting.countDown();
                        awaitQuietly(wake);
                        throw new IllegalStateException("the store failed");
                    }));
            assertThat(acting.await(10, TimeUnit.SECONDS)).isTrue();
            awaitClaimed(first, 2);
            clock.advance(IdempotencyKeys.STALE_CLAIM.plusSeconds(1));
            IdempotencyKeys.Answer ofB = keysB.answer("s", "k", body("a"), () -> answer("from b"));
            CountDownLatch bActing = new CountDownLatch(1);
            CountDownLatch bWake = new CountDownLatch(1);
            CompletableFuture<IdempotencyKeys.Answer> bOnF = CompletableFuture.supplyAsync(() -> keysB.answer("s",
                    "f", body("a"), () -> {
                        bActing.countDown();
                        awaitQuietly(bWake);
                        return answer("f from b");
                    }));
            assertThat(bActing.await(10, TimeUnit.SECONDS)).isTrue();

            wake.countDown();
            assertThatThrownBy(() -> ofA.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(LeaseLostException.class)
                    .hasMessage("The Idempotency-Key 'k' was taken over by another process while this one held it for "
                            + "more than 10 minutes; this process's answer was not stored");
            assertThatThrownBy(() -> failingA.get(10, TimeUnit.SECONDS)).cause().hasMessage("the store failed");
            bWake.countDown();

            // B's answers stand: A neither wrote over k's nor took away B's claim on f.
            assertThat(text(ofB)).isEqualTo("from b");
            assertThat(text(bOnF.get(10, TimeUnit.SECONDS))).isEqualTo("f from b");
            assertThat(text(keysA.answer("s", "k", body("a"), () -> answer("never")))).isEqualTo("from b");
            assertThat(text(keysA.answer("s", "f", body("a"), () -> answer("never")))).isEqualTo("f from b");
        }
    }

    private static String text(IdempotencyKeys.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never woke the action");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitClaimed(Database database, int keys) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (database.inTransaction(sql -> {
            try (var rows = sql.createStatement().executeQuery("SELECT COUNT(*) FROM idempotency_key")) {
                rows.next();
                return rows.getInt(1);
            }
        }) < keys) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(keys + " keys not claimed within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
