package io.sessiondb.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * How values are keyed and stored: a session under the SHA-256 of its id, so a copy of the tables cannot
 * be replayed as cookies, and a principal name as it fits its column.
 */
public final class StorageKeys {

    /** The width of the principal_name column. */
    private static final int MAX_PRINCIPAL_NAME_LENGTH = 255;
    /** Keys of the ids in use, hashed once rather than at every request. */
    private static final RememberedResults<String, String> RECENT = new RememberedResults<>(10_000);

    private StorageKeys() {}

    /**
     * A signed-in user's name as stored with their session: the name itself, or {@code sha256:} and its
     * hash when it is wider than the column.
     */
    public static String principalName(String name) {
        return name.length() <= MAX_PRINCIPAL_NAME_LENGTH ? name : "sha256:" + of(name);
    }

    /** The storage key of a session id: 43 URL-safe Base64 characters. */
    public static String of(String sessionId) {
        return RECENT.get(sessionId, StorageKeys::hash);
    }

    private static String hash(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
