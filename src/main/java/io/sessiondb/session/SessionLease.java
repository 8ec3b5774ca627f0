package io.sessiondb.session;

import io.sessiondb.SessionStoreException;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.LockAttempt;
import io.sessiondb.store.SessionRepository;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session lock as one request holds it ({@code sessiondb.session-lock}): a lease on the session row,
 * taken before the session is loaded and released when the request ends.
 */
public final class SessionLease {

    private static final Logger LOG = Logger.getLogger(SessionLease.class.getName());
    /**
     * How long a session's lock lasts unless released: far longer than a request normally takes, short
     * enough that the lock of a node that crashed holding it frees itself soon. A request that runs
     * longer loses the lock to the next request of its session.
     */
    public static final long LEASE_MS = 30_000;

    private final SessionRepository repository;
    private final long timeoutMs;
    /** The id of the session whose lock this request holds, from when it took it; null when none. */
    private String lockedId;
    /** That session once loaded: the lock follows it through an id change. */
    private StoredSession locked;
    /** The end of the lock's lease, by the database's clock: the token that releases it. */
    private long lockedUntilMs;

    public SessionLease(SessionRepository repository, int timeoutSeconds) {
        this.repository = repository;
        this.timeoutMs = timeoutSeconds * 1000L;
    }

    /**
     * Waits for the lock of session {@code id}; false when there is no live session to lock. Once taken, the
     * lock is this request's to {@link #release}, whatever happens next.
     */
    public boolean acquire(String id) {
        LockAttempt attempt = SessionLockWait.REAL_TIME.acquire(
                Fingerprints.ofSessionId(id), () -> repository.tryLock(id, LEASE_MS), timeoutMs);
        if (attempt.isLocked()) {
            lockedId = id;
            lockedUntilMs = attempt.lockedUntilMs();
        }
        return attempt.isLocked();
    }

    /** Records the session loaded under the lock, whose id the lock follows. */
    public void held(StoredSession session) {
        locked = session;
    }

    /**
     * Releases the lock if this request holds it, loaded or not (a load that failed keeps no lock); safe to
     * call more than once. A failure is only logged: the lease runs out by itself.
     */
    public void release() {
        StoredSession session = locked;
        String id = session != null ? session.getId() : lockedId;
        locked = null;
        lockedId = null;
        // an invalidated session's row, and its lock with it, is gone
        if (id == null || session != null && !session.isValid()) {
            return;
        }
        try {
            repository.unlock(id, lockedUntilMs);
        } catch (SessionStoreException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not release the lock of session " + Fingerprints.ofSessionId(id)
                            + "; it frees itself within " + LEASE_MS / 1000 + " s",
                    e);
        }
    }
}
