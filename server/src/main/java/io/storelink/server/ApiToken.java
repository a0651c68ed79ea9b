package io.storelink.server;

import io.storelink.core.config.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The API's bearer token: 32 random bytes, base64url, in a file readable by its owner only. Made on first start;
 * replaced by {@code storelink serve token rotate}. A presented token is compared in constant time.
 *
 * <p>A running server takes a rotated token at the next request: each check looks at the file's modification time,
 * size and identity (one {@code stat}, no read) and reads it again only when one of them changed. A file that
 * cannot be read then, or is empty, leaves the token it had (and is read again at the next request).
 */
public final class ApiToken {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "slk_";

    private final Path file;
    /** The token's digest and the file's version it was read from; replaced together. */
    private volatile State state;

    private record State(byte[] digest, List<Object> version) {
    }

    private ApiToken(Path file, String token, List<Object> version) {
        this.file = file;
        this.state = new State(sha256(token), version);
    }

    /**
     * @param file the token file
     * @return the token in the file; a new one written there first when the file is missing or empty
     */
    public static ApiToken loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
                OwnerOnly.ifExists(file);
                List<Object> version = version(file);
                return new ApiToken(file, Files.readString(file, StandardCharsets.UTF_8).strip(), version);
            }
            String token = rotate(file);
            return new ApiToken(file, token, version(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return what tells one write of the file from another: modification time, size, and the file's identity */
    private static List<Object> version(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return java.util.Arrays.asList(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    }

    /** @return the state, read again from the file first when the file changed since */
    private State current() {
        State now = state;
        try {
            List<Object> version = version(file);
            if (Objects.equals(version, now.version())) {
                return now;
            }
            synchronized (this) {
                now = state;
                if (Objects.equals(version, now.version())) {
                    return now;
                }
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    return now;
                }
                now = new State(sha256(token), version);
                state = now;
                LOG.info("API token file changed; the new token is in use, the old one no longer is");
                return now;
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the API token file {} ({}); keeping the token read before", file, e.toString());
            return now;
        }
    }

    /**
     * Writes a new token to the file, replacing the old one at once (a running server takes it at its next request).
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
        byte[] digest = current().digest();
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
