package io.storelink.core.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

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
     * Runs a plugin's constructor with the plugin's loader as the thread context class loader.
     *
     * @param role what the class is to the plugin
     * @param constructor the constructor
     * @param loader the plugin's class loader
     * @param arguments the constructor's arguments
     * @param <T> what it builds
     * @return the instance
     * @throws LoadFailure naming the class and what its constructor or static initialiser threw
     */
    static <T> T construct(String role, Constructor<T> constructor, ClassLoader loader, Object... arguments) {
        String name = role + " " + constructor.getDeclaringClass().getName();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new LoadFailure(name + " threw in its constructor: " + e.getCause(), e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new LoadFailure(name + " threw in its static initializer: " + e.getCause(), e);
        } catch (InstantiationException e) {
            throw new LoadFailure(name + " is abstract; expected a concrete class", e);
        } catch (IllegalAccessException e) {
            throw new LoadFailure(name + " is not public; expected a public class with a public constructor", e);
        } catch (LinkageError e) {
            throw new LoadFailure(name + " cannot be initialised: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A class a plugin names could not be loaded or built; the message names it and says why, for people. */
    static final class LoadFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
