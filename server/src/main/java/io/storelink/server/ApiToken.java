package io.storelink.server;

import io.storelink.core.config.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API's bearer token: 32 random bytes, base64url, in a file readable by its owner only. Made on first start;
 * replaced by {@code storelink serve token rotate}. A presented token is compared in constant time.
 */
public final class ApiToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "slk_";

    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * @param file the token file
     * @return the token in the file; a new one written there first when the file is missing or empty
     */
    public static ApiToken loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
                OwnerOnly.ifExists(file);
                return new ApiToken(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API token file " + file + ": " + e.getMessage(), e);
        }
        return new ApiToken(rotate(file));
    }

    /**
     * Writes a new token to the file, replacing the old one at once (a running server reads it at start).
     *
     * @param file the token file
     * @return the new token, for its owner to copy; never logged
     */
    public static String rotate(Path file) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = OwnerOnly.file(directory.resolve(file.getFileName() + ".new"));
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.ifExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the API token file " + file + ": " + e.getMessage(), e);
        }
        return token;
    }

    /**
     * @param presented what a request presented, or {@code null}
     * @return whether it is the token; in time that does not depend on how much of it matched
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return never the token */
    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
