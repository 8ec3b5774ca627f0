package io.sessiondb.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Persistence boundary for sessions. Session ids cross it in the clear; implementations store only
 * {@link StorageKeys#of(String) their hash}. Every method throws {@link SessionStoreException} when the
 * database cannot be reached or fails, and leaves nothing half-written.
 */
public interface SessionRepository {

    /**
     * Loads a live session with all its attributes, in one query.
     *
     * @param sessionId the session id from the cookie
     * @return the session, or empty when there is none or it has expired by the database's clock
     */
    Optional<SessionRecord> findById(String sessionId);

    /**
     * The version of a live session's row, which every write of the row changes: a node holding the
     * session compares it with the version it holds instead of loading the session again.
     *
     * @return the version, or empty when there is no live session
     */
    OptionalLong liveVersion(String sessionId);

    /**
     * Tries once to take a live session's lock: a lease on its row, ending {@code leaseMs} from now by the
     * database's clock, so a holder that never releases it (a crashed node) blocks others only that long.
     * Commits at once in a transaction of its own, whatever transaction the caller is in. The lease's end
     * is read back with the session by {@link #findById} ({@link SessionRecord#lockedUntilMs()}).
     *
     * @return {@link LockAttempt#LOCKED} when taken, {@link LockAttempt#HELD_ELSEWHERE} when another
     *     request's lease has not run out, {@link LockAttempt#NO_SESSION} when there is no live session
     */
    LockAttempt tryLock(String sessionId, long leaseMs);

    /**
     * Releases a session's lock if it is still the lease this request took, so a request that outlived
     * its lease cannot release the lock of the request that took it over. Commits at once, like {@link
     * #tryLock}.
     *
     * @param lockedUntilMs the lease's end as loaded ({@link SessionRecord#lockedUntilMs()})
     */
    void unlock(String sessionId, long lockedUntilMs);

    /**
     * Applies one save in one transaction. It always writes the session row, with a new version.
     *
     * @return the version the row holds after the save
     * @throws SessionDeletedException when an existing session's row is gone (invalidated or expired
     *     meanwhile); nothing is written
     */
    long save(SessionWrite write);

    /**
     * Deletes a session and its attributes.
     *
     * @return true if a session was deleted
     */
    boolean deleteById(String sessionId);

    /**
     * Gives a stored session a new id, keeping its data, in one statement that also records the old id's
     * hash and when it was replaced (see {@link #rotatedWithin}).
     *
     * @param principalName the session's principal from now on, or null for none
     * @return the row's new version, or empty when the session did not exist
     */
    OptionalLong changeId(String oldSessionId, String newSessionId, String principalName);

    /**
     * Whether a live session had this id until less than {@code graceSeconds} ago, by the database's
     * clock. The id itself reaches no session data.
     */
    boolean rotatedWithin(String oldSessionId, int graceSeconds);

    /** Whether a live session has this id. */
    boolean exists(String sessionId);

    /**
     * Sessions expired by the database's clock, with their attributes, oldest first.
     *
     * @param limit the most to return
     */
    List<SessionRecord> findExpired(int limit);

    /**
     * Deletes those of the given sessions (by storage key) that are still expired, in one
     * transaction: their rows are locked first, in key order, so several nodes sweeping at once neither
     * deadlock nor both claim a session.
     *
     * @return the keys this call deleted
     */
    Set<String> deleteExpired(Collection<String> keys);
}
