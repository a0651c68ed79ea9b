package io.storelink.core.plugin;

import io.storelink.core.retry.RetryPolicy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads and builds the classes a plugin names (its {@code plugin.class} and its extensions) the host's way: with the
 * plugin's loader as the thread context class loader, and a {@link LoadFailure} naming the class and the cause when
 * that fails. PF4J's own factories log such a failure and carry on, so the plugin looked as if it had no extension.
 */
final class PluginClasses {

    private PluginClasses() {
    }

    /**
     * @param role what the class is to the plugin, for example {@code extension class}
     * @param className its name
     * @param loader the plugin's class loader
     * @return the class, not yet initialised
     * @throws LoadFailure if the plugin's jars do not have it or it cannot be linked
     */
    static Class<?> load(String role, String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new LoadFailure(role + " " + className + " is not in the plugin's jars", e);
        } catch (LinkageError e) {
            throw new LoadFailure(role + " " + className + " cannot be loaded: " + e, e);
        }
    }

    /**
     * @param role what the class is to the plugin
     * @param type the class
     * @param <T> its type
     * @return its public no-argument constructor
     * @throws LoadFailure if it has none
     */
    static <T> Constructor<T> noArgumentConstructor(String role, Class<T> type) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new LoadFailure(role + " " + type.getName() + " has no public no-argument constructor", e);
        }
    }

    /**
     * Runs a plugin's constructor on a plugin-call thread, with the plugin's loader as the thread context class loader
     * and a time limit: a constructor that never returns refuses the plugin instead of hanging the host.
     *
     * @param role what the class is to the plugin
     * @param constructor the constructor
     * @param loader the plugin's class loader
     * @param limit how long the constructor may take
     * @param arguments the constructor's arguments
     * @param <T> what it builds
     * @return the instance
     * @throws LoadFailure naming the class and what its constructor or static initialiser threw
     */
    static <T> T construct(String role, Constructor<T> constructor, ClassLoader loader, Duration limit,
                           Object... arguments) {
        String name = role + " " + constructor.getDeclaringClass().getName();
        Future<T> future = PluginCall.submit(loader, () -> constructor.newInstance(arguments));
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LoadFailure(name + " did not finish its constructor within " + RetryPolicy.human(limit)
                    + " (" + PlatformPlugin.LIMITS + "descriptor); the plugin is not loaded", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LoadFailure(name + " was not built: loading was interrupted", e);
        } catch (ExecutionException e) {
            throw failure(name, e.getCause());
        }
    }

    private static LoadFailure failure(String name, Throwable thrown) {
        if (thrown instanceof InvocationTargetException e) {
            return new LoadFailure(name + " threw in its constructor: " + e.getCause(), e.getCause());
        }
        if (thrown instanceof ExceptionInInitializerError e) {
            return new LoadFailure(name + " threw in its static initializer: " + e.getCause(), e);
        }
        if (thrown instanceof InstantiationException e) {
            return new LoadFailure(name + " is abstract; expected a concrete class", e);
        }
        if (thrown instanceof IllegalAccessException e) {
            return new LoadFailure(name + " is not public; expected a public class with a public constructor", e);
        }
        if (thrown instanceof LinkageError e) {
            return new LoadFailure(name + " cannot be initialised: " + e, e);
        }
        return new LoadFailure(name + " could not be built: " + thrown, thrown);
    }

    /** A class a plugin names could not be loaded or built; the message names it and says why, for people. */
    static final class LoadFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
