package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Persistence boundary for sessions. Session ids cross it in the clear; implementations store only
 * {@link StorageKeys#of(String) their hash}. Every method throws {@link SessionStoreException} when the
 * database cannot be reached or fails, and leaves nothing half-written. Every write commits in a transaction
 * of its own, never the caller's: a session is not transactional, and an application's rollback must not
 * undo an invalidation or an id change that memory, listeners and the cookie already took.
 */
public interface SessionRepository {

    /**
     * Loads a live session with all its attributes, in one query.
     *
     * @param sessionId the session id from the cookie
     * @return the session, or empty when there is none or it has expired by the database's clock
     */
    Optional<SessionData> findById(String sessionId);

    /**
     * The versions of live sessions' rows, which every write of a row changes: a node holding a session
     * compares its version with the one it holds instead of loading the session again. One query for all.
     *
     * @param sessionIds at most {@value #MOST_VERSIONS_AT_ONCE} distinct ids
     * @return the version by session id; an id without a live session is absent
     */
    Map<String, Long> liveVersions(List<String> sessionIds);

    /** How many sessions' versions one query reads at most. */
    int MOST_VERSIONS_AT_ONCE = 64;

    /**
     * Tries once to take a live session's lock: a lease on its row, ending {@code leaseMs} from now by the
     * database's clock, so a holder that never releases it (a crashed node) blocks others only that long.
     *
     * @return {@link LockAttempt#locked} with the lease's end when taken, {@link LockAttempt#HELD_ELSEWHERE}
     *     when another request's lease has not run out, {@link LockAttempt#NO_SESSION} when there is no live
     *     session
     */
    LockAttempt tryLock(String sessionId, long leaseMs);

    /**
     * Releases a session's lock if it is still the lease this request took, so a request that outlived
     * its lease cannot release the lock of the request that took it over.
     *
     * @param lockedUntilMs the lease's end as {@link #tryLock} took it
     */
    void unlock(String sessionId, long lockedUntilMs);

    /**
     * Applies one save, in one transaction (one statement where the database allows it). A new session's
     * row is inserted with its attributes. A stored session's row is written only while it is live and
     * still at {@link SessionWrite#baseVersion()}: a save never hides a change it did not see, nor brings
     * back an ended or expired session. Only the fields and attributes the save changed are written.
     *
     * @return the row's new version; empty when the row is no longer live at the save's base version
     *     (changed by another request, or ended): nothing was written
     */
    OptionalLong save(SessionWrite write);

    /**
     * Deletes a session and its attributes.
     *
     * @return true if a session was deleted
     */
    boolean deleteById(String sessionId);

    /**
     * Gives a live session a new id, keeping its data, in one statement that also records the old id's
     * hash and when it was replaced (see {@link #rotatedWithin}); only while the row is still at {@code
     * baseVersion}, as {@link #save} does.
     *
     * @param principalName the session's principal from now on, or null for none
     * @return the row's new version, or empty when the row is no longer live at {@code baseVersion}
     */
    OptionalLong changeId(String oldSessionId, String newSessionId, String principalName, long baseVersion);

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
    List<SessionData> findExpired(int limit);

    /**
     * Deletes those of the given sessions (by storage key) that are still expired, in one
     * transaction: their rows are locked first, in key order, so several nodes sweeping at once neither
     * deadlock nor both claim a session.
     *
     * @return the keys this call deleted
     */
    Set<String> deleteExpired(Collection<String> keys);
}
