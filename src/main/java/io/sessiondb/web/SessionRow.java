package io.sessiondb.web;

import io.sessiondb.store.SessionDevice;
import io.sessiondb.store.SessionMetadata;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;

/**
 * A session's row as this node holds it, the attributes and visit stamps apart: id, times, timeout, user,
 * version, and which of them changed since the last save. Thread-safe: guarded by itself.
 */
final class SessionRow {

    private String id;
    /** The id's hash, the row's key: computed once per id, for every lookup by key. */
    private String storageKey;

    private final long creationTimeMs;
    /** The access time the database holds, which decides when the next touch is due. */
    private long lastAccessedMs;
    /**
     * When the latest request that ended with this session on this node began: the access time a container
     * reports, which the stored one lags by up to a touch interval.
     */
    private long lastRequestMs;

    private int maxInactiveSeconds;
    /** The name of the user the session belongs to, or null while nobody signed in. */
    private String principalName;

    private boolean principalChanged;
    /** The user the session keeps signed in for a Jakarta Security mechanism, or null. */
    private SignedInCaller signedIn;
    /** The timeout or the signed-in caller changed since the last save. */
    private boolean settingsChanged;

    private boolean stored;
    /** Whether this node wrote the row since loading it, which proves the session still exists under its id. */
    private boolean rowWritten;
    /** The version of the row as this node last read or wrote it. */
    private long version;
    /** When the session expires unless accessed again, by this node's clock. */
    private long expiresAtMs;
    /** The device a new session is created from, written with its first save; null once loaded. */
    private SessionDevice device;

    private SessionRow(String id, long creationTimeMs, long lastAccessedMs, int maxInactiveSeconds) {
        this.id = id;
        this.storageKey = StorageKeys.of(id);
        this.creationTimeMs = creationTimeMs;
        this.lastAccessedMs = lastAccessedMs;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.expiresAtMs = expiry(lastAccessedMs, maxInactiveSeconds);
    }

    synchronized SessionRow copy() {
        SessionRow copy = new SessionRow(id, creationTimeMs, lastAccessedMs, maxInactiveSeconds);
        copy.principalName = principalName;
        copy.principalChanged = principalChanged;
        copy.signedIn = signedIn;
        copy.settingsChanged = settingsChanged;
        copy.stored = stored;
        copy.rowWritten = rowWritten;
        copy.version = version;
        copy.expiresAtMs = expiresAtMs;
        copy.device = device;
        copy.lastRequestMs = lastRequestMs;
        return copy;
    }

    static SessionRow created(String id, long nowMs, int timeoutSeconds, SessionDevice device) {
        SessionRow row = new SessionRow(id, nowMs, nowMs, timeoutSeconds);
        row.device = device;
        return row;
    }

    /**
     * @param nowMs this node's time when the record was read, which relates the database's clock to this
     *     node's for the expiry
     */
    static SessionRow loaded(String id, SessionRecord record, long nowMs) {
        SessionRow row = new SessionRow(id, record.createdMs(), record.lastAccessedMs(), record.maxInactiveSeconds());
        row.stored = true;
        row.principalName = record.principalName();
        row.signedIn = record.signedIn();
        row.version = record.version();
        row.expiresAtMs = expiry(record, nowMs);
        return row;
    }

    /** Takes the row as the database holds it now, but for what changed here since the last save. */
    synchronized void refresh(SessionRecord record, long nowMs) {
        lastAccessedMs = record.lastAccessedMs();
        expiresAtMs = expiry(record, nowMs);
        version = record.version();
        stored = true;
        if (!principalChanged) {
            principalName = record.principalName();
        }
        if (!settingsChanged) {
            maxInactiveSeconds = record.maxInactiveSeconds();
            signedIn = record.signedIn();
        }
    }

    /** A loaded row's expiry by this node's clock, {@code nowMs} standing for the database's time of the read. */
    private static long expiry(SessionRecord record, long nowMs) {
        return record.expiresAtMs() == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : record.expiresAtMs() - (record.databaseNowMs() - nowMs);
    }

    synchronized String id() {
        return id;
    }

    synchronized String storageKey() {
        return storageKey;
    }

    synchronized void changeId(String newId) {
        id = newId;
        storageKey = StorageKeys.of(newId);
    }

    synchronized long creationTimeMs() {
        return creationTimeMs;
    }

    synchronized long lastAccessedMs() {
        return lastAccessedMs;
    }

    /** The start of the latest request that used the session and ended, here or, as stored, on any node. */
    synchronized long lastRequestMs() {
        return Math.max(lastAccessedMs, lastRequestMs);
    }

    /** Records that a request begun at {@code requestStartMs} ended with the session. */
    synchronized void requestEnded(long requestStartMs) {
        lastRequestMs = Math.max(lastRequestMs, requestStartMs);
    }

    synchronized int maxInactiveSeconds() {
        return maxInactiveSeconds;
    }

    synchronized void maxInactiveSeconds(int seconds) {
        if (seconds != maxInactiveSeconds) {
            maxInactiveSeconds = seconds;
            settingsChanged = true;
        }
    }

    synchronized String principalName() {
        return principalName;
    }

    /** Records a new principal; the next save writes it. */
    synchronized void principalChanged(String name) {
        principalName = name;
        principalChanged = true;
    }

    /** Records a principal the store already holds: an id change wrote it, leaving the row at {@code newVersion}. */
    synchronized void principalStored(String name, long newVersion) {
        principalName = name;
        principalChanged = false;
        rowWritten = true;
        version = newVersion;
    }

    synchronized SignedInCaller signedIn() {
        return signedIn;
    }

    /**
     * Keeps {@code caller} signed in on the session's next requests, on any node (null: nobody); the next
     * save writes it. The principal is not recorded here but by the fixation defence, which compares it with
     * the request's user to decide whether the id must change.
     */
    synchronized void keepSignedIn(SignedInCaller caller) {
        if (caller == null ? signedIn != null : !caller.equals(signedIn)) {
            signedIn = caller;
            settingsChanged = true;
        }
    }

    /**
     * The user signed out: the session keeps nobody signed in and belongs to nobody, so signing in again,
     * even as the same user, changes the id again.
     */
    synchronized void signedOut() {
        keepSignedIn(null);
        if (principalName != null) {
            principalChanged(null);
        }
    }

    synchronized boolean stored() {
        return stored;
    }

    synchronized boolean rowWritten() {
        return rowWritten;
    }

    synchronized long version() {
        return version;
    }

    /** Whether the session has expired by {@code nowMs}, as far as this node can tell without the database. */
    synchronized boolean expiredBy(long nowMs) {
        return nowMs >= expiresAtMs;
    }

    /**
     * What a save must write now, or null for nothing: a new session once it holds an attribute, keeps
     * someone signed in or has a visit stamped; a stored one when an attribute, its timeout, its user or its
     * signed-in caller changed, or its access time is older than {@code touchIntervalMs}. Every write
     * rewrites the row, which tells that the session still exists.
     */
    synchronized SessionWrite pendingWrite(
            SessionAttributes.Changes changes, SessionVisits visits, long nowMs, long touchIntervalMs) {
        if (!stored && changes.inserted().isEmpty() && signedIn == null && !visits.any()) {
            return null;
        }
        boolean writeDue = principalChanged || settingsChanged || nowMs - lastAccessedMs >= touchIntervalMs;
        if (stored && changes.isEmpty() && !writeDue) {
            return null;
        }
        SessionMetadata metadata = new SessionMetadata(
                nowMs,
                maxInactiveSeconds,
                principalName,
                signedIn,
                creationTimeMs,
                visits.visits(),
                visits.lastRequestMs(),
                stored ? null : device);
        return new SessionWrite(id, !stored, metadata, changes.inserted(), changes.updated(), changes.removed());
    }

    /** Records that a write of the row landed with {@code newVersion}. */
    synchronized void saved(SessionMetadata metadata, long newVersion) {
        lastAccessedMs = metadata.lastAccessedMs();
        expiresAtMs = expiry(lastAccessedMs, maxInactiveSeconds);
        version = newVersion;
        stored = true;
        rowWritten = true;
        principalChanged = false;
        settingsChanged = false;
    }

    private static long expiry(long accessedMs, int timeoutSeconds) {
        return timeoutSeconds > 0 ? accessedMs + timeoutSeconds * 1000L : Long.MAX_VALUE;
    }
}
