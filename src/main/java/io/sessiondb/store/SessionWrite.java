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
 * @param metadata the session row's values as the save leaves them: every save touches the row, which
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
        SessionMetadata metadata,
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
        if (metadata == null) {
            throw new IllegalArgumentException("a save writes the session row: metadata is required");
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
}
