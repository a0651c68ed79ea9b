package io.storelink.sdk;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock store on loopback HTTP for a test class, emptied after each test. It answers without gzip and in chunks
 * unless a stub sets Content-Length, so a test decides whether the client knows the body's length.
 */
abstract class LoopbackStore {

    static final WireMockServer store = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.ALWAYS).gzipDisabled(true));

    @BeforeAll
    static void start() {
        if (!store.isRunning()) {
            store.start();
        }
    }

    @AfterEach
    void reset() {
        store.resetAll();
    }

    @AfterAll
    static void stop() {
        store.stop();
    }
}
