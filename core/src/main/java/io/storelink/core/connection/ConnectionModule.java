package io.storelink.core.connection;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.HostConfig;

/** Binds the connection store and the secret handling it needs. */
public final class ConnectionModule extends AbstractModule {

    /** The key file under the home directory. */
    public static final String KEY_FILE = "secret.key";

    @Override
    protected void configure() {
        bind(ConnectionRepository.class).in(Singleton.class);
        bind(ConnectionService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SecretCipher secretCipher(HostConfig config) {
        return SecretCipher.fromKeyFile(config.ensureHome().resolve(KEY_FILE));
    }

    @Provides
    @Singleton
    SecretResolver secretResolver() {
        return new SecretResolver(System::getenv);
    }
}
