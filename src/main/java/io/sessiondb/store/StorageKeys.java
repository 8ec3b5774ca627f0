package io.sessiondb.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key a session is stored under: the SHA-256 of its id, so a copy of the tables cannot be replayed as
 * cookies.
 */
public final class StorageKeys {

    private StorageKeys() {}

    /** The storage key of a session id: 43 URL-safe Base64 characters. */
    public static String of(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
