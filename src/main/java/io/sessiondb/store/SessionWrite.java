package io.sessiondb.store;

import java.util.Map;
import java.util.Set;

/**
 * What one save writes for one session: nothing more than what changed, on top of the row version it is
 * based on.
 *
 * @param sessionId the session id (the repository stores only its hash)
 * @param newSession true when the session row does not exist yet and is inserted
 * @param baseVersion the row's version this save's changes were made against: a stored session's row is
 *     written only while it still holds that version (ignored for a new session)
 * @param row the session row's values as the save leaves them: every save touches the row, which
 *     proves the session still exists and gives it a new version
 * @param changedFields the row's fields this save changed: only these are written to a stored row, so a
 *     save never puts back another request's user, sign-in or timeout
 * @param insertedAttributes attributes that are not stored yet
 * @param updatedAttributes stored attributes whose serialized value changed
 * @param removedAttributes stored attributes to delete
 */
public record SessionWrite(
        String sessionId,
        boolean newSession,
        long baseVersion,
        RowValues row,
        Set<RowField> changedFields,
        Map<String, byte[]> insertedAttributes,
        Map<String, byte[]> updatedAttributes,
        Set<String> removedAttributes) {

    /** A field of the session row that requests change. */
    public enum RowField {
        /** The idle timeout. */
        TIMEOUT,
        /** The user the session belongs to. */
        PRINCIPAL,
        /** The caller the session keeps signed in. */
        SIGNED_IN
    }

    public SessionWrite {
        if (row == null) {
            throw new IllegalArgumentException("a save writes the session row: its values are required");
        }
        changedFields = Set.copyOf(changedFields);
        insertedAttributes = Map.copyOf(insertedAttributes);
        updatedAttributes = Map.copyOf(updatedAttributes);
        removedAttributes = Set.copyOf(removedAttributes);
    }

    /** Whether the save changed {@code field}. */
    public boolean changed(RowField field) {
        return changedFields.contains(field);
    }

    /** Whether it writes any attribute. */
    public boolean writesAttributes() {
        return !insertedAttributes.isEmpty() || !updatedAttributes.isEmpty() || !removedAttributes.isEmpty();
    }

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
    public record RowValues(
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
}
