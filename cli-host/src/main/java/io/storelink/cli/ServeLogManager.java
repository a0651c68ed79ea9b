package io.storelink.cli;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager, except that while {@code storelink serve} logs to standard output its own shutdown
 * hook leaves the handlers alone: the server's hook drains requests and imports after SIGTERM and logs what it does,
 * and those lines must not be lost because the hooks run at the same time. Main installs it before any logger
 * exists.
 */
public final class ServeLogManager extends LogManager {

    private static volatile boolean keepOnShutdown;

    /** Keeps the handlers through the JVM's shutdown from now on. */
    static void keepHandlersOnShutdown() {
        keepOnShutdown = true;
    }

    @Override
    public void reset() {
        if (keepOnShutdown && Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName())) {
            return;
        }
        super.reset();
    }
}
