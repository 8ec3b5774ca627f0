package io.sessiondb.session;

import io.sessiondb.SessionStoreException;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionDeletedException;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The writes and reads of one {@link StoredSession} against the database, which take turns on this node:
 * each save writes what changed since the one before it, on top of the row version that one left, and a
 * refresh reads while no save runs. Every write is conditional on that version ({@link
 * SessionRepository#save}): when another node (or a request here that holds a copy) wrote the row meanwhile,
 * the save loads the row, keeps only what changed here on top of it, and writes again.
 *
 * <p>The turn is the one lock held across database work; only the session's other saves and refreshes on
 * this node wait for it, never its readers or the application, nor a save that finds nothing to write. It
 * is taken before the session's lock. Values are serialized before it is taken.
 */
public final class SessionSaves {

    private static final Logger LOG = Logger.getLogger(SessionSaves.class.getName());
    /** Writes of one save against a row that keeps changing under it before the save gives up with a 503. */
    static final int MOST_ATTEMPTS = 5;

    private final StoredSession session;
    private final ReentrantLock turn = new ReentrantLock();

    SessionSaves(StoredSession session) {
        this.session = session;
    }

    /**
     * Writes what changed since the last save, by any request ({@link SessionRow#pendingWrite}), merging it
     * onto the database's row when another request changed that meanwhile.
     *
     * @return what was written last, or null for nothing
     * @throws SessionDeletedException when the session's row is gone (ended, expired or given a new id
     *     elsewhere): nothing was written
     * @throws SessionStoreException when the row changed under every one of {@value #MOST_ATTEMPTS} writes,
     *     or the database failed
     */
    public SessionWrite save(SessionRepository repository, long nowMs, long touchIntervalMs) {
        // serialized before the turn, so a busy session's requests serialize side by side; one that then
        // finds nothing unsaved (a read, or changes another save has landed) never waits for the turn
        session.reserialize();
        if (session.unsavedWrite(nowMs, touchIntervalMs) == null) {
            return null;
        }
        turn.lock();
        try {
            for (int attempt = 1; attempt <= MOST_ATTEMPTS; attempt++) {
                SessionWrite write = session.unsavedWrite(nowMs, touchIntervalMs);
                if (write == null) {
                    return null;
                }
                OptionalLong version = repository.save(write);
                if (version.isPresent()) {
                    session.saved(write, version.getAsLong());
                    return write;
                }
                LOG.fine(() -> "Session " + Fingerprints.ofSessionId(write.sessionId())
                        + " changed elsewhere during the request; merging and writing again");
                if (!reload(repository, nowMs)) {
                    throw new SessionDeletedException();
                }
            }
        } finally {
            turn.unlock();
        }
        throw new SessionStoreException("Session " + Fingerprints.ofSessionId(session.getId())
                + " was changed by other requests during each of " + MOST_ATTEMPTS + " writes of this one");
    }

    /**
     * Gives the stored session a new id, in the database and then here, on top of the row version it holds,
     * reloading as {@link #save} does when the row changed meanwhile: the session's other saves on this node
     * wait, so none of them writes to the old id after the row left it.
     *
     * @return the row's new version; empty when the session is gone
     * @throws SessionStoreException when the row changed under every attempt, or the database failed
     */
    public OptionalLong changeId(SessionRepository repository, String newId, String principal) {
        turn.lock();
        try {
            for (int attempt = 1; attempt <= MOST_ATTEMPTS; attempt++) {
                long baseVersion = session.row().version();
                OptionalLong version = repository.changeId(session.getId(), newId, principal, baseVersion);
                if (version.isPresent()) {
                    session.row().principalStored(principal, baseVersion, version.getAsLong());
                    session.row().changeId(newId);
                    return version;
                }
                if (!reload(repository, System.currentTimeMillis())) {
                    return OptionalLong.empty();
                }
            }
        } finally {
            turn.unlock();
        }
        throw new SessionStoreException("Session " + Fingerprints.ofSessionId(session.getId())
                + " was changed by other requests during each of " + MOST_ATTEMPTS + " id changes");
    }

    /**
     * Brings the session up to date with what the database holds, in place, for the requests sharing it:
     * what they changed and have not saved yet stays theirs.
     *
     * @return false when the session is gone
     */
    public boolean refresh(SessionRepository repository, long nowMs) {
        turn.lock();
        try {
            return reload(repository, nowMs);
        } finally {
            turn.unlock();
        }
    }

    /** Reads the row and takes it as the base of the next write; false when it is gone. Holding the turn. */
    private boolean reload(SessionRepository repository, long nowMs) {
        Optional<SessionData> record = repository.findById(session.getId());
        if (record.isEmpty()) {
            return false;
        }
        // the same version: nothing changed since this node read or wrote it
        if (record.get().version() != session.row().version()) {
            // values changed in place up to now are this node's changes, which the refresh keeps: serialized
            // here, just before it, and not only at the start of the save, which may have waited for its turn
            session.reserialize();
            session.refresh(record.get(), nowMs);
        }
        return true;
    }
}
