package io.storelink.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.HostConfig;

/** Binds the plugin host, loaded from the configured plugins directory on first use. */
public final class PluginModule extends AbstractModule {

    /** Where zip archives are expanded, under the home directory. */
    public static final String CACHE_DIR = "plugin-cache";

    @Provides
    @Singleton
    PluginHost pluginHost(HostConfig config) {
        return PluginHost.start(config.pluginsDir(), config.ensureHome().resolve(CACHE_DIR), PluginApiVersion.current(),
                config.pluginLimits());
    }
}
