package io.storelink.sdk;

import io.storelink.api.PlatformContext;

import java.time.Clock;
import java.time.Duration;

/** What the host passes a connector, with limits short enough for tests. */
record TestContext(Duration requestTimeout, Duration requestDeadline, long maxResponseBytes) implements PlatformContext {

    static final String USER_AGENT = "Storelink-test/1.2";

    static TestContext standard() {
        return new TestContext(Duration.ofSeconds(3), Duration.ofSeconds(5), 1 << 20);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public String userAgent() {
        return USER_AGENT;
    }
}
