package io.storelink.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Sandboxes for tests: a fixed clock and the test token with every resource. */
final class TestSandboxes {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestSandboxes() {}

    static MagentoSandbox.Builder builder(int orders) {
        return MagentoSandbox.builder().seed(42).orderCount(orders).clock(CLOCK).token(SandboxClient.TOKEN, Acl.ALL);
    }

    static MagentoSandbox started(int orders) {
        return builder(orders).build().start();
    }
}
