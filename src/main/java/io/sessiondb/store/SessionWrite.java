package io.sessiondb.store;

import java.util.Map;
import java.util.Set;

/**
 * What one save writes for one session: nothing more than what changed.
 *
 * @param sessionId the session id (the repository stores only its hash)
 * @param newSession true when the session row does not exist yet and is inserted
 * @param metadata the session row's new values: every save rewrites the row, which proves the session still
 *     exists and gives it a new version
 * @param insertedAttributes attributes that are not stored yet
 * @param updatedAttributes stored attributes whose serialized value changed
 * @param removedAttributes stored attributes to delete
 */
public record SessionWrite(
        String sessionId,
        boolean newSession,
        SessionMetadata metadata,
        Map<String, byte[]> insertedAttributes,
        Map<String, byte[]> updatedAttributes,
        Set<String> removedAttributes) {

    public SessionWrite {
        if (metadata == null) {
            throw new IllegalArgumentException("a save writes the session row: metadata is required");
        }
        insertedAttributes = Map.copyOf(insertedAttributes);
        updatedAttributes = Map.copyOf(updatedAttributes);
        removedAttributes = Set.copyOf(removedAttributes);
    }
}
