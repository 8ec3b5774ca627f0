package io.sessiondb.session;

import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionDevice;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SessionWrite.RowField;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A session's row as this node holds it, the attributes and visit stamps apart: id, times, timeout, user,
 * version, and, for the fields requests change, the value the database holds at that version, so a save
 * writes a field only when a request here changed it. Guarded by its session's lock, which it is given:
 * safe to use without holding it.
 */
public final class SessionRow {

    private final Object lock;

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
    private int storedMaxInactiveSeconds;
    /** The name of the user the session belongs to, or null while nobody signed in. */
    private String principalName;

    private String storedPrincipalName;
    /** The user the session keeps signed in for a Jakarta Security mechanism, or null. */
    private SignedInCaller signedIn;

    private SignedInCaller storedSignedIn;

    private boolean stored;
    /** Whether this node wrote the row since loading it, which proves the session still exists under its id. */
    private boolean rowWritten;
    /** The version of the row as this node last read or wrote it: what the stored values are as of. */
    private long version;
    /** When the session expires unless accessed again, by this node's clock. */
    private long expiresAtMs;
    /** The device a new session is created from, written with its first save; null once loaded. */
    private SessionDevice device;

    private SessionRow(Object lock, String id, long creationTimeMs, long lastAccessedMs, int maxInactiveSeconds) {
        this.lock = lock;
        this.id = id;
        this.storageKey = StorageKeys.of(id);
        this.creationTimeMs = creationTimeMs;
        this.lastAccessedMs = lastAccessedMs;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.storedMaxInactiveSeconds = maxInactiveSeconds;
        this.expiresAtMs = expiry(lastAccessedMs, maxInactiveSeconds);
    }

    /** A copy guarded by {@code copyLock}. */
    SessionRow copy(Object copyLock) {
        synchronized (lock) {
            SessionRow copy = new SessionRow(copyLock, id, creationTimeMs, lastAccessedMs, maxInactiveSeconds);
            copy.storedMaxInactiveSeconds = storedMaxInactiveSeconds;
            copy.principalName = principalName;
            copy.storedPrincipalName = storedPrincipalName;
            copy.signedIn = signedIn;
            copy.storedSignedIn = storedSignedIn;
            copy.stored = stored;
            copy.rowWritten = rowWritten;
            copy.version = version;
            copy.expiresAtMs = expiresAtMs;
            copy.device = device;
            copy.lastRequestMs = lastRequestMs;
            return copy;
        }
    }

    static SessionRow created(Object lock, String id, long nowMs, int timeoutSeconds, SessionDevice device) {
        SessionRow row = new SessionRow(lock, id, nowMs, nowMs, timeoutSeconds);
        row.device = device;
        return row;
    }

    /**
     * @param nowMs this node's time when the record was read, which relates the database's clock to this
     *     node's for the expiry
     */
    static SessionRow loaded(Object lock, String id, SessionData record, long nowMs) {
        SessionRow row =
                new SessionRow(lock, id, record.createdMs(), record.lastAccessedMs(), record.maxInactiveSeconds());
        row.stored = true;
        row.principalName = record.principalName();
        row.storedPrincipalName = record.principalName();
        row.signedIn = record.signedIn();
        row.storedSignedIn = record.signedIn();
        row.version = record.version();
        row.expiresAtMs = expiry(record, nowMs);
        return row;
    }

    /**
     * Takes the row as the database holds it now, but for the fields changed here since the last save,
     * which keep this node's value: the base the next save is made against.
     */
    void refresh(SessionData record, long nowMs) {
        synchronized (lock) {
            lastAccessedMs = record.lastAccessedMs();
            expiresAtMs = expiry(record, nowMs);
            version = record.version();
            stored = true;
            if (Objects.equals(principalName, storedPrincipalName)) {
                principalName = record.principalName();
            }
            if (Objects.equals(signedIn, storedSignedIn)) {
                signedIn = record.signedIn();
            }
            if (maxInactiveSeconds == storedMaxInactiveSeconds) {
                maxInactiveSeconds = record.maxInactiveSeconds();
            }
            storedPrincipalName = record.principalName();
            storedSignedIn = record.signedIn();
            storedMaxInactiveSeconds = record.maxInactiveSeconds();
        }
    }

    /** A loaded row's expiry by this node's clock, {@code nowMs} standing for the database's time of the read. */
    private static long expiry(SessionData record, long nowMs) {
        return record.expiresAtMs() == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : record.expiresAtMs() - (record.databaseNowMs() - nowMs);
    }

    String id() {
        synchronized (lock) {
            return id;
        }
    }

    public String storageKey() {
        synchronized (lock) {
            return storageKey;
        }
    }

    public void changeId(String newId) {
        synchronized (lock) {
            id = newId;
            storageKey = StorageKeys.of(newId);
        }
    }

    long creationTimeMs() {
        return creationTimeMs;
    }

    /** The start of the latest request that used the session and ended, here or, as stored, on any node. */
    long lastRequestMs() {
        synchronized (lock) {
            return Math.max(lastAccessedMs, lastRequestMs);
        }
    }

    /**
     * Whether a save at {@code nowMs} would touch the row because its stored access time is at least {@code
     * touchIntervalMs} old, as far as this node knows.
     */
    public boolean touchDue(long nowMs, long touchIntervalMs) {
        synchronized (lock) {
            return !stored || nowMs - lastAccessedMs >= touchIntervalMs;
        }
    }

    /** Records that a request begun at {@code requestStartMs} ended with the session. */
    public void requestEnded(long requestStartMs) {
        synchronized (lock) {
            lastRequestMs = Math.max(lastRequestMs, requestStartMs);
        }
    }

    int maxInactiveSeconds() {
        synchronized (lock) {
            return maxInactiveSeconds;
        }
    }

    void maxInactiveSeconds(int seconds) {
        synchronized (lock) {
            maxInactiveSeconds = seconds;
        }
    }

    public String principalName() {
        synchronized (lock) {
            return principalName;
        }
    }

    /** Records a new principal; the next save writes it. */
    public void principalChanged(String name) {
        synchronized (lock) {
            principalName = name;
        }
    }

    /**
     * Records a principal the store already holds: an id change based on {@code baseVersion} wrote it,
     * leaving the row at {@code newVersion}.
     */
    void principalStored(String name, long baseVersion, long newVersion) {
        synchronized (lock) {
            principalName = name;
            storedPrincipalName = name;
            rowWritten = true;
            if (version == baseVersion) {
                version = newVersion;
            }
        }
    }

    public SignedInCaller signedIn() {
        synchronized (lock) {
            return signedIn;
        }
    }

    /**
     * Keeps {@code caller} signed in on the session's next requests, on any node (null: nobody); the next
     * save writes it. The principal is not recorded here but by the fixation defence, which compares it with
     * the request's user to decide whether the id must change.
     */
    public void keepSignedIn(SignedInCaller caller) {
        synchronized (lock) {
            signedIn = caller;
        }
    }

    /**
     * The user signed out: the session keeps nobody signed in and belongs to nobody, so signing in again,
     * even as the same user, changes the id again.
     */
    public void signedOut() {
        synchronized (lock) {
            signedIn = null;
            principalName = null;
        }
    }

    boolean stored() {
        synchronized (lock) {
            return stored;
        }
    }

    public boolean rowWritten() {
        synchronized (lock) {
            return rowWritten;
        }
    }

    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** Whether the session has expired by {@code nowMs}, as far as this node can tell without the database. */
    public boolean expiredBy(long nowMs) {
        synchronized (lock) {
            return nowMs >= expiresAtMs;
        }
    }

    /**
     * What a save must write now, or null for nothing: a new session always when {@code saveEmpty}, otherwise
     * once it holds an attribute, keeps someone signed in or has a visit stamped; a stored one when an
     * attribute, its timeout, its user or its signed-in caller changed, or its access time is older than
     * {@code touchIntervalMs}. A stored row is written on top of the version held: see {@link
     * io.sessiondb.store.SessionRepository#save}.
     */
    SessionWrite pendingWrite(
            SessionAttributes.Changes changes,
            VisitStamps visits,
            long nowMs,
            long touchIntervalMs,
            boolean saveEmpty) {
        synchronized (lock) {
            if (!stored && !saveEmpty && changes.inserted().isEmpty() && signedIn == null && !visits.any()) {
                return null;
            }
            Set<RowField> changed = EnumSet.noneOf(RowField.class);
            if (maxInactiveSeconds != storedMaxInactiveSeconds) {
                changed.add(RowField.TIMEOUT);
            }
            if (!Objects.equals(principalName, storedPrincipalName)) {
                changed.add(RowField.PRINCIPAL);
            }
            if (!Objects.equals(signedIn, storedSignedIn)) {
                changed.add(RowField.SIGNED_IN);
            }
            boolean touchDue = nowMs - lastAccessedMs >= touchIntervalMs;
            if (stored && changes.isEmpty() && changed.isEmpty() && !touchDue) {
                return null;
            }
            SessionWrite.RowValues row = new SessionWrite.RowValues(
                    nowMs,
                    maxInactiveSeconds,
                    principalName,
                    signedIn,
                    creationTimeMs,
                    visits.visits(),
                    visits.lastRequestMs(),
                    stored ? null : device);
            return new SessionWrite(
                    id, !stored, version, row, changed, changes.inserted(), changes.updated(), changes.removed());
        }
    }

    /**
     * Records that {@code write} landed with {@code newVersion}: the database holds what it wrote. A field
     * changed again while it was written stays changed, for the next save.
     */
    void saved(SessionWrite write, long newVersion) {
        synchronized (lock) {
            SessionWrite.RowValues written = write.row();
            lastAccessedMs = written.lastAccessedMs();
            storedMaxInactiveSeconds = written.maxInactiveSeconds();
            storedPrincipalName = written.principalName();
            storedSignedIn = written.signedIn();
            expiresAtMs = expiry(lastAccessedMs, storedMaxInactiveSeconds);
            version = newVersion;
            stored = true;
            rowWritten = true;
        }
    }

    private static long expiry(long accessedMs, int timeoutSeconds) {
        return timeoutSeconds > 0 ? accessedMs + timeoutSeconds * 1000L : Long.MAX_VALUE;
    }
}
