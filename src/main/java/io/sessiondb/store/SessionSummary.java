package io.sessiondb.store;

/**
 * A stored session as operators and its own user see it: never its id or values.
 *
 * @param key the storage key, for lookups within SessionDB; shown only as {@link #fingerprint()}
 * @param createdMs creation time, epoch milliseconds
 * @param lastAccessedMs last stored access (written at most once per touch interval)
 * @param lastRequestMs the last request stamped on it ({@code sessiondb.visits.enabled}), or null
 * @param expiresAtMs when it expires unless used again, by the database's clock; {@link Long#MAX_VALUE} for never
 * @param principalName the user it belongs to, or null
 * @param device where it was created from
 */
public record SessionSummary(
        String key,
        long createdMs,
        long lastAccessedMs,
        Long lastRequestMs,
        long expiresAtMs,
        String principalName,
        SessionDevice device) {

    public String fingerprint() {
        return Fingerprints.ofStorageKey(key);
    }

    /** The last sign of use: the last request stamped, or else the last stored access. */
    public long lastActiveMs() {
        return lastRequestMs == null ? lastAccessedMs : Math.max(lastAccessedMs, lastRequestMs);
    }
}
