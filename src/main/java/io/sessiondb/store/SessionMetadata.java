package io.sessiondb.store;

/**
 * That a save rewrites the session row, and with what: the row's access and expiry times are stamped by
 * the database's clock; {@code lastAccessedMs} is this node's reading, which only decides when the next
 * touch is due.
 *
 * @param lastAccessedMs this node's time of the access being written, epoch milliseconds
 * @param maxInactiveSeconds idle timeout; 0 or less never expires
 * @param principalName the name of the user the session belongs to, or null while nobody signed in
 * @param signedIn the user the session keeps signed in for a Jakarta Security mechanism, or null
 * @param createdMs the session's creation time by this node's clock, written only with a new session's row,
 *     as its creation and first access time (the time its first request saw, so {@code getCreationTime()}
 *     and {@code startDate} never change)
 * @param visits the session's visit count, written only with a new session's row: a stored session's
 *     visits reach its row through {@link PendingVisits}
 * @param lastRequestMs the time of the last visit counted in {@code visits}; 0 for none
 * @param device the device the session was created from, written only with a new session's row; null when
 *     unknown
 */
public record SessionMetadata(
        long lastAccessedMs,
        int maxInactiveSeconds,
        String principalName,
        SignedInCaller signedIn,
        long createdMs,
        long visits,
        long lastRequestMs,
        SessionDevice device) {

    /** The {@code signed_in} column's value. */
    String storedSignedIn() {
        return signedIn == null ? null : signedIn.stored();
    }

    String userAgent() {
        return device == null ? null : device.userAgent();
    }

    String clientAddress() {
        return device == null ? null : device.address();
    }
}
