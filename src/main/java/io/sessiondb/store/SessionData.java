package io.sessiondb.store;

import java.util.Map;

/**
 * A session as loaded from the database.
 *
 * @param key the storage key (a hash of the session id, never the id itself)
 * @param createdMs creation time, epoch milliseconds
 * @param lastAccessedMs last stored access time, epoch milliseconds
 * @param maxInactiveSeconds idle timeout; 0 or less never expires
 * @param principalName the name of the user the session belongs to, or null while nobody signed in
 * @param signedIn the user the session keeps signed in for a Jakarta Security mechanism, or null
 * @param attributes serialized attribute values by name
 * @param lockedUntilMs the end of the {@link SessionRepository#tryLock lock}'s lease by the database's
 *     clock, which its holder passes to {@link SessionRepository#unlock}; null when no request holds it
 * @param visits the visit count its row holds (visits counted by a node but not yet written are not in it)
 * @param lastRequestMs the time of the last visit its row holds, or null for none
 * @param version the row's version, which every write of the row changes ({@link RowVersions})
 * @param expiresAtMs when the session expires unless accessed again, by the database's clock
 * @param databaseNowMs the database's clock when it was loaded, which relates {@code expiresAtMs} to a
 *     node's clock
 */
public record SessionData(
        String key,
        long createdMs,
        long lastAccessedMs,
        int maxInactiveSeconds,
        String principalName,
        SignedInCaller signedIn,
        Map<String, byte[]> attributes,
        Long lockedUntilMs,
        long visits,
        Long lastRequestMs,
        long version,
        long expiresAtMs,
        long databaseNowMs) {

    public SessionData {
        attributes = Map.copyOf(attributes);
    }
}
