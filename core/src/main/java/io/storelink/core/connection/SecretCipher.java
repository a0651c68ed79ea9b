package io.storelink.core.connection;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Encrypts secret values at rest with AES-256-GCM under a key kept in a file readable by its owner only.
 *
 * <p>Each value gets a fresh 96-bit nonce and is bound to its field key as associated data, so a ciphertext copied
 * into another field does not decrypt. The stored form is {@code enc:v1:<base64(nonce || ciphertext || tag)>}.
 */
public final class SecretCipher {

    static final String PREFIX = "enc:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Loads the key file, creating it with owner-only permissions when it does not exist.
     *
     * @param keyFile the key file
     * @return the cipher
     * @throws IllegalStateException if the key file is readable by others or malformed
     */
    public static SecretCipher fromKeyFile(Path keyFile) {
        return fromKeyFile(keyFile, true);
    }

    /**
     * Loads the key file.
     *
     * @param keyFile the key file
     * @param mayCreate whether a missing file is created with a new key; never when secrets encrypted under the
     *        old key exist, since they could not be read again
     * @return the cipher
     * @throws IllegalStateException if the key file is missing (and may not be created), readable by others or
     *         malformed
     */
    public static SecretCipher fromKeyFile(Path keyFile, boolean mayCreate) {
        try {
            if (!Files.exists(keyFile)) {
                if (!mayCreate) {
                    throw new IllegalStateException("Key file " + keyFile + " does not exist");
                }
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                create(keyFile);
            }
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    throw new IllegalStateException("Key file " + keyFile + " is readable by others ("
                            + PosixFilePermissions.toString(permissions) + "); expected rw------- (chmod 600 "
                            + keyFile + ")");
                }
            }
            return fromKey(Files.readString(keyFile, StandardCharsets.US_ASCII), "Key file " + keyFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param base64 the key, base64 of {@value #KEY_BYTES} bytes, as {@code openssl rand -base64 32} prints it
     * @param origin where it came from, for messages (never the key itself)
     * @return the cipher
     * @throws IllegalStateException if it is not such a key
     */
    public static SecretCipher fromKey(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(origin + " is not base64; expected " + KEY_BYTES + " random bytes in "
                    + "base64, as 'openssl rand -base64 32' prints them");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(origin + " holds " + key.length + " bytes; expected " + KEY_BYTES);
        }
        return new SecretCipher(key);
    }

    /**
     * Writes a new key to a temporary file and links it into place, which fails if the key file exists: a process
     * never reads a key file another is still writing, and two processes starting on a fresh home never end up with
     * two keys (the second uses the first's).
     */
    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] encoded = Base64.getEncoder().encode(key);
        Path directory = keyFile.toAbsolutePath().getParent();
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".key-", ".tmp");
        try {
            Files.write(temporary, encoded);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first; use theirs.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * @param fieldKey the field the value belongs to
     * @param plaintext the value
     * @return the stored form
     */
    public String encrypt(String fieldKey, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(fieldKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * @param fieldKey the field the value belongs to
     * @param stored the stored form
     * @return the plaintext
     * @throws IllegalStateException if the value was encrypted under another key or altered
     */
    public String decrypt(String fieldKey, String stored) {
        if (!isEncrypted(stored)) {
            throw new IllegalArgumentException("value of " + fieldKey + " is not an encrypted value");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(fieldKey.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt " + fieldKey + ": it was encrypted with another key "
                    + "file or altered", e);
        }
    }

    /** @param stored a stored value @return whether it is a value this class encrypted */
    public static boolean isEncrypted(String stored) {
        return stored.startsWith(PREFIX);
    }
}
