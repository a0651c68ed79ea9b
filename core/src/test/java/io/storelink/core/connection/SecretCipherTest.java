package io.storelink.core.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class SecretCipherTest {

    @TempDir
    Path home;

    @Test
    void createsTheKeyFileReadableByItsOwnerOnly() throws IOException {
        SecretCipher.fromKeyFile(home.resolve("secret.key"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void roundTripsAndNeverProducesThePlaintextOrTheSameCiphertextTwice() {
        SecretCipher cipher = SecretCipher.fromKeyFile(home.resolve("secret.key"));

        String first = cipher.encrypt("access-token", "a1b2c3d4e5f6g7h8");
        String second = cipher.encrypt("access-token", "a1b2c3d4e5f6g7h8");

        assertThat(first).startsWith("enc:v1:").doesNotContain("a1b2c3d4e5f6g7h8").isNotEqualTo(second);
        assertThat(cipher.decrypt("access-token", first)).isEqualTo("a1b2c3d4e5f6g7h8");
        assertThat(SecretCipher.fromKeyFile(home.resolve("secret.key")).decrypt("access-token", second))
                .isEqualTo("a1b2c3d4e5f6g7h8");
    }

    @Test
    void bindsEachValueToItsField() {
        SecretCipher cipher = SecretCipher.fromKeyFile(home.resolve("secret.key"));
        String sealed = cipher.encrypt("access-token", "secret");

        assertThatThrownBy(() -> cipher.decrypt("other-field", sealed))
                .hasMessage("Cannot decrypt other-field: it was encrypted with another key file or altered");
    }

    @Test
    void refusesAValueSealedWithAnotherKey() {
        String sealed = SecretCipher.fromKeyFile(home.resolve("one.key")).encrypt("access-token", "secret");

        assertThatThrownBy(() -> SecretCipher.fromKeyFile(home.resolve("two.key")).decrypt("access-token", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws IOException {
        Path key = home.resolve("secret.key");
        SecretCipher.fromKeyFile(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretCipher.fromKeyFile(key))
                .hasMessage("Key file " + key + " is readable by others (rw-r--r--); expected rw------- (chmod 600 "
                        + key + ")");
    }
}
