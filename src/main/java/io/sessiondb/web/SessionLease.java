package io.sessiondb.web;

import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionStoreException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session lock as one request holds it ({@code sessiondb.session-lock}): a lease on the session row,
 * taken before the session is loaded and released when the request ends.
 */
final class SessionLease {

    private static final Logger LOG = Logger.getLogger(SessionLease.class.getName());
    /**
     * How long a session's lock lasts unless released: far longer than a request normally takes, short
     * enough that the lock of a node that crashed holding it frees itself soon. A request that runs
     * longer loses the lock to the next request of its session.
     */
    static final long LEASE_MS = 30_000;

    private final SessionRepository repository;
    private final long timeoutMs;
    /** The session whose lock this request holds, if any. */
    private StoredSession locked;
    /** The end of that lock's lease, by the database's clock: the token that releases it. */
    private long lockedUntilMs;

    SessionLease(SessionRepository repository, int timeoutSeconds) {
        this.repository = repository;
        this.timeoutMs = timeoutSeconds * 1000L;
    }

    /** Waits for the lock of session {@code id}; false when there is no live session to lock. */
    boolean acquire(String id) {
        return SessionLockWait.REAL_TIME.acquire(
                Fingerprints.ofSessionId(id), () -> repository.tryLock(id, LEASE_MS), timeoutMs);
    }

    /** Records the session loaded under the lock and the end of its lease, which releases it. */
    void held(StoredSession session, long untilMs) {
        locked = session;
        lockedUntilMs = untilMs;
    }

    /**
     * Releases the lock if this request holds it; safe to call more than once. The lock follows the
     * session through an id change. A failure is only logged: the lease runs out by itself.
     */
    void release() {
        StoredSession session = locked;
        locked = null;
        // an invalidated session's row, and its lock with it, is gone
        if (session == null || !session.isValid()) {
            return;
        }
        try {
            repository.unlock(session.getId(), lockedUntilMs);
        } catch (SessionStoreException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not release the lock of session " + Fingerprints.ofSessionId(session.getId())
                            + "; it frees itself within " + LEASE_MS / 1000 + " s",
                    e);
        }
    }
}
