package io.storelink.core.connection;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.storelink.core.config.HostConfig;

/** Binds the connection store and the secret handling it needs. */
public final class ConnectionModule extends AbstractModule {


    @Override
    protected void configure() {
        bind(ConnectionRepository.class).in(Singleton.class);
        bind(ConnectionService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SecretCipher secretCipher(HostConfig config, ConnectionRepository repository, SecretResolver resolver) {
        return KeySource.cipher(config, repository, resolver);
    }

    @Provides
    @Singleton
    SecretResolver secretResolver() {
        return new SecretResolver(System::getenv);
    }
}
