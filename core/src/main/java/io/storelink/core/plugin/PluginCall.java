package io.storelink.core.plugin;

import io.storelink.api.ConnectorException;
import io.storelink.api.ErrorKind;
import io.storelink.core.retry.RetryPolicy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one call into a plugin on a host thread of its own, with the plugin's class loader as the thread context
 * class loader and a time limit, and turns whatever happens into a {@link ConnectorException} that names the plugin
 * (and the connection, when there is one).
 *
 * <p>Nothing a plugin does can escape as anything else: an {@link Error} (a {@code StackOverflowError}, a
 * {@code NoSuchMethodError} from a plugin built against a newer API) becomes {@link ErrorKind#PLUGIN_FAILURE}; a
 * call past its limit is abandoned (its thread interrupted) and fails with {@link ErrorKind#PLUGIN_FAILURE}; the
 * caller being interrupted cancels the call and fails with {@link ErrorKind#CANCELLED}. A plugin's own
 * {@link ConnectorException} passes through unchanged.
 */
final class PluginCall {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * Daemon threads, so a plugin call that never returns cannot keep the process alive; created on demand, so a
     * call stuck past its limit does not take a slot from the next one.
     */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "storelink-plugin-call-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private PluginCall() {
    }

    /**
     * @param who the plugin (and connection) for messages, e.g. {@code Plugin magento2 1.0.0 (connection acme)}
     * @param operation the plugin method, e.g. {@code fetchOrders}
     * @param limit how long the call may take
     * @param limitSetting the host setting that holds {@code limit}, named in the message when it is passed
     * @param classLoader the plugin's class loader
     * @param call the call
     * @param <T> what it returns
     * @return what the call returned
     */
    static <T> T run(String who, String operation, Duration limit, String limitSetting, ClassLoader classLoader,
                     Callable<T> call) {
        long started = System.nanoTime();
        long stoppedBefore = HostPauses.stoppedNanos();
        Future<T> future = submit(classLoader, call);
        try {
            while (true) {
                // Time the host itself was stopped (SIGSTOP, a suspended VM) is not the plugin's: the limit runs
                // that much longer, so a host waking up takes the answer often already waiting for it.
                long stopped = HostPauses.stoppedNanos() - stoppedBefore;
                long remaining = started + limit.toNanos() + stopped - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException();
                }
                try {
                    return future.get(remaining, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // Looked at again: a pause may have ended just now.
                }
            }
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who + " did not return from " + operation
                    + " within " + RetryPolicy.human(limit) + " (" + limitSetting + "); the call was abandoned", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw ConnectorException.of(ErrorKind.CANCELLED, operation + " of " + who
                    + " was cancelled: the host stopped waiting for it", e);
        } catch (CancellationException e) {
            throw ConnectorException.of(ErrorKind.CANCELLED, operation + " of " + who + " was cancelled", e);
        } catch (ExecutionException e) {
            throw failure(who, operation, e.getCause());
        }
    }

    /**
     * Starts {@code call} on a plugin-call thread with {@code classLoader} as its context class loader.
     *
     * @return its future; the caller waits on it with a time limit
     */
    static <T> Future<T> submit(ClassLoader classLoader, Callable<T> call) {
        return CALLS.submit(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(classLoader);
            try {
                return call.call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
    }

    /** What a plugin threw, as the host reports it. */
    static ConnectorException failure(String who, String operation, Throwable thrown) {
        if (thrown instanceof ConnectorException own) {
            return own;
        }
        if (thrown instanceof LinkageError linkage && mentionsPluginApi(linkage)) {
            return ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who + " failed in " + operation
                    + ": it needs a part of the Storelink plugin API that this host (API "
                    + PluginApiVersion.current() + ") does not have (" + linkage.getClass().getSimpleName() + ": "
                    + linkage.getMessage() + "). The plugin was built against a newer API than it declares in "
                    + "plugin.requires; install a Storelink that provides that API or a plugin built for API "
                    + PluginApiVersion.current(), linkage);
        }
        return ConnectorException.of(ErrorKind.PLUGIN_FAILURE, who + " failed in " + operation + ": "
                + thrown, thrown);
    }

    private static boolean mentionsPluginApi(LinkageError error) {
        String message = String.valueOf(error.getMessage());
        return message.contains("io.storelink.api") || message.contains("io/storelink/api");
    }
}
