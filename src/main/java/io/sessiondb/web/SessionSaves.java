package io.sessiondb.web;

import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writes and reads of one {@link StoredSession} against the database, which take turns: each save
 * compares the session with what the one before it wrote, so whichever request of the session saves last,
 * the database gets every request's changes; a refresh reads while no save runs, so no save of this node
 * lands between the read and its use. The session stays usable meanwhile: only its own lock guards its
 * state, and that only briefly.
 */
final class SessionSaves {

    private final StoredSession session;
    private final ReentrantLock turn = new ReentrantLock();

    SessionSaves(StoredSession session) {
        this.session = session;
    }

    /**
     * Writes what changed since the last save, by any request ({@link SessionRow#pendingWrite}).
     *
     * @return what was written, or null for nothing
     */
    SessionWrite save(SessionRepository repository, long nowMs, long touchIntervalMs) {
        turn.lock();
        try {
            SessionWrite write = session.pendingWrite(nowMs, touchIntervalMs);
            if (write != null) {
                session.saved(write, repository.save(write));
            }
            return write;
        } finally {
            turn.unlock();
        }
    }

    /**
     * Brings the session up to date with what the database holds, in place, for the requests sharing it:
     * what they changed and have not saved yet stays theirs.
     *
     * @return false when the session is gone
     */
    boolean refresh(SessionRepository repository, long nowMs) {
        turn.lock();
        try {
            Optional<SessionRecord> record = repository.findById(session.getId());
            if (record.isEmpty()) {
                return false;
            }
            // the same version: only this node's own saves had changed it since the check
            if (record.get().version() != session.row().version()) {
                session.refresh(record.get(), nowMs);
            }
            return true;
        } finally {
            turn.unlock();
        }
    }
}
