package io.sessiondb.store;

/**
 * The columns of a session row that a save writes.
 *
 * @param createdMs creation time, epoch milliseconds
 * @param lastAccessedMs access time to store, epoch milliseconds
 * @param maxInactiveSeconds idle timeout; 0 or less never expires
 */
public record SessionMetadata(long createdMs, long lastAccessedMs, int maxInactiveSeconds) {

    /** When the session expires if not accessed again; {@link Long#MAX_VALUE} for never. */
    public long expiresAtMs() {
        return expiresAtMs(lastAccessedMs, maxInactiveSeconds);
    }

    static long expiresAtMs(long lastAccessedMs, int maxInactiveSeconds) {
        return maxInactiveSeconds > 0 ? lastAccessedMs + maxInactiveSeconds * 1000L : Long.MAX_VALUE;
    }
}
