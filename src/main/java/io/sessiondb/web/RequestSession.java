package io.sessiondb.web;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.SessionDeletedException;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionStoreException;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.StorageKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session state of one request: which session it uses (loaded at most once, on first need), and
 * saving that session's changes and setting its cookie before the response is committed.
 */
final class RequestSession {

    private static final Logger LOG = Logger.getLogger(RequestSession.class.getName());
    /**
     * How long a session's lock lasts unless released: far longer than a request normally takes, short
     * enough that the lock of a node that crashed holding it frees itself soon. A request that runs
     * longer loses the lock to the next request of its session.
     */
    static final long LOCK_LEASE_MS = 30_000;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final SessionRepository repository;
    private final SessionEvents events;
    private final SessionCookies cookies;
    private final SessionDbConfig config;
    private final long requestStartMs;

    private boolean requestedLoaded;
    private Optional<String> verifiedRequestedId;
    private StoredSession requested;
    private StoredSession current;
    /** The id the client's cookie holds, once it is known to name {@link #current}. */
    private String cookieId;
    /** Whether this response already carries the refreshed cookie of a rolling expiry. */
    private boolean rolled;
    /** Whether this request wrote the current session's row, which proves it still exists under its id. */
    private boolean rowWritten;
    /**
     * The cookie names an id that another request replaced moments ago (a sign-in): this response must set
     * no cookie, which would replace the browser's new one.
     */
    private boolean cookieRotatedAway;
    /** Set once a save failed: later commit points of the request fail at once instead of retrying. */
    private SessionStoreException saveFailure;
    /** Set when loading the requested session failed: the request has no session, nor a stale cookie. */
    private SessionStoreException loadFailure;
    /** The session whose lock this request holds, if any. */
    private StoredSession locked;
    /** The end of that lock's lease, by the database's clock: the token that releases it. */
    private long lockedUntilMs;

    RequestSession(
            HttpServletRequest request,
            HttpServletResponse response,
            SessionRepository repository,
            SessionEvents events,
            SessionCookies cookies,
            SessionDbConfig config,
            long requestStartMs) {
        this.request = request;
        this.response = response;
        this.repository = repository;
        this.events = events;
        this.cookies = cookies;
        this.config = config;
        this.requestStartMs = requestStartMs;
    }

    /** The request's session, loading it from the cookie on first call; a new one if asked and none is valid. */
    StoredSession session(boolean create) {
        if (current != null && current.isValid()) {
            return current;
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
        if (!requestedLoaded) {
            requestedLoaded = true;
            try {
                requested = loadRequested();
            } catch (SessionStoreException e) {
                loadFailure = e;
                throw e;
            }
            if (requested != null) {
                current = requested;
                cookieId = requested.getId();
                return current;
            }
        }
        if (!create) {
            return null;
        }
        current = StoredSession.create(
                request.getServletContext(),
                events,
                this,
                config.limits(),
                SessionIds.generate(),
                requestStartMs,
                config.timeouts().timeoutSeconds());
        events.created(current);
        return current;
    }

    /** The id the client's cookie names, if its signature verifies; otherwise the raw cookie value. */
    Optional<String> requestedSessionId() {
        return verifiedRequestedId().or(() -> cookies.requestedValue(request));
    }

    /** The verified id of the client's cookie, checked once per request: the HMAC is not free. */
    private Optional<String> verifiedRequestedId() {
        if (verifiedRequestedId == null) {
            verifiedRequestedId = cookies.requestedValue(request).flatMap(cookies::verifiedId);
        }
        return verifiedRequestedId;
    }

    /** True while the session the cookie named exists and is the one this request uses. */
    boolean requestedSessionIdValid() {
        session(false);
        return requested != null
                && requested == current
                && requested.isValid()
                && requested.getId().equals(requestedSessionId().orElse(null));
    }

    /** Gives the current session a new id; a stored session keeps its data under it. */
    String changeId() {
        StoredSession session = session(false);
        if (session == null) {
            throw new IllegalStateException("The request has no session whose id could change");
        }
        String signedIn = principalName();
        String principal = signedIn != null ? signedIn : session.principalName();
        if (!rotate(session, principal)) {
            throw new IllegalStateException("The session no longer exists");
        }
        return session.getId();
    }

    /**
     * Gives a session a new id and records its principal; a stored session keeps its data under the new id
     * and the store remembers the old one for the grace window.
     *
     * @return false if the stored session is gone
     */
    private boolean rotate(StoredSession session, String principal) {
        String newId = SessionIds.generate();
        if (session.isStored()) {
            if (!repository.changeId(session.getId(), newId, principal)) {
                return false;
            }
            session.principalStored(principal);
            rowWritten = true;
        } else if (!Objects.equals(principal, session.principalName())) {
            session.principalChanged(principal);
        }
        session.changeId(newId);
        return true;
    }

    /** Called by {@link StoredSession#invalidate()}: the row goes first, so a failure invalidates nothing. */
    void invalidate(StoredSession session) {
        if (session.isStored()) {
            repository.deleteById(session.getId());
        }
    }

    /**
     * Saves what changed since the last save and sets the cookie if the client does not hold the
     * session's id yet. Safe to call more than once: each call writes only the changes since the last.
     */
    void commit() {
        if (saveFailure != null) {
            throw saveFailure;
        }
        if (current == null) {
            return;
        }
        if (!current.isValid()) {
            clearCookieIfSent();
            return;
        }
        if (cookieRotatedAway && !current.isStored()) {
            // a new session here could only reach the client through a cookie replacing its signed-in one
            return;
        }
        try {
            followPrincipal();
            save();
        } catch (SessionStoreException e) {
            saveFailure = e;
            throw e;
        } catch (SessionDeletedException e) {
            dropDeleted();
            return;
        }
        boolean roll = config.cookie().rolling() && !rolled;
        if (current.isStored() && (roll || !current.getId().equals(cookieId))) {
            if (response.isCommitted()) {
                LOG.warning(() -> "Session " + SessionLog.fingerprint(current.getId())
                        + " was stored after the response was committed; its cookie could not be sent");
                return;
            }
            if (current.getId().equals(cookieId) && !rowWritten && !repository.exists(current.getId())) {
                // only a rolling refresh gets here: the session was loaded, then rotated or deleted meanwhile
                dropDeleted();
                return;
            }
            cookies.write(request, response, current.getId());
            cookieId = current.getId();
            rolled = true;
        }
    }

    /**
     * A session belongs to the user signed in on its requests: when that user changes (signing in,
     * switching user), the session records it and, with rotate-on-login, gets a new id, so an id planted
     * before sign-in is worthless after it. Requests without a user (public pages) change nothing.
     */
    private void followPrincipal() {
        String principal = principalName();
        if (principal == null || principal.equals(current.principalName())) {
            return;
        }
        if (!config.rotation().onLogin() || !current.isStored()) {
            current.principalChanged(principal);
            return;
        }
        String oldId = current.getId();
        if (!rotate(current, principal)) {
            throw new SessionDeletedException();
        }
        LOG.fine(() -> "Session " + SessionLog.fingerprint(oldId) + " is now " + SessionLog.fingerprint(current.getId())
                + ": its user changed");
    }

    private void save() {
        SessionWrite write = current.pendingWrite(
                requestStartMs, config.timeouts().touchIntervalMs(current.getMaxInactiveInterval()));
        if (write == null) {
            return;
        }
        repository.save(write);
        current.saved(write);
        rowWritten |= write.metadata() != null;
        LOG.fine(() -> "Saved session " + SessionLog.fingerprint(write.sessionId())
                + (write.newSession() ? " (new)" : "") + ": inserted "
                + write.insertedAttributes().keySet()
                + ", updated " + write.updatedAttributes().keySet() + ", removed " + write.removedAttributes()
                + (write.metadata() != null ? ", row written" : ""));
    }

    /** The session's row went away under this request (invalidated, expired or rotated by another one). */
    private void dropDeleted() {
        String id = current.getId();
        current.discard();
        if (rotatedAway(id)) {
            LOG.fine(() -> "Session " + SessionLog.fingerprint(id)
                    + " got a new id meanwhile; dropping this request's changes and leaving the new cookie alone");
            cookieRotatedAway = true;
            cookieId = null;
            return;
        }
        LOG.fine(() -> "Session " + SessionLog.fingerprint(id) + " was deleted meanwhile; dropping its changes");
        clearCookieIfSent();
    }

    private boolean rotatedAway(String id) {
        int graceSeconds = config.rotation().graceSeconds();
        return graceSeconds > 0 && repository.rotatedWithin(id, graceSeconds);
    }

    /** The signed-in user's name as the store keeps it. */
    private String principalName() {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            return null;
        }
        String name = principal.getName();
        return StorageKeys.principalName(name);
    }

    /**
     * The last save of the request; a new session that never held an attribute ends here, unstored. The
     * session's lock, if held, is released even when the save fails.
     */
    void finish() {
        try {
            commit();
            if (current != null && current.isValid() && !current.isStored()) {
                events.destroyed(current);
                current.discard();
            }
            boolean staleCookie = requestedLoaded
                    && loadFailure == null
                    && requested == null
                    && !cookieRotatedAway
                    && requestedSessionId().isPresent();
            if (staleCookie && (current == null || !current.isStored()) && !response.isCommitted()) {
                // an unknown, expired or forged id: drop it so later requests do not look it up again
                cookies.clear(request, response);
            }
        } finally {
            releaseLock();
        }
    }

    /**
     * Releases the session's lock if this request holds it; safe to call more than once. The lock is held
     * until the request ends, not just until the response commits, because the request may still change
     * the session after that. A failure is only logged: the lease runs out by itself.
     */
    void releaseLock() {
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
                    "Could not release the lock of session " + SessionLog.fingerprint(session.getId())
                            + "; it frees itself within " + LOCK_LEASE_MS / 1000 + " s",
                    e);
        }
    }

    private StoredSession loadRequested() {
        // a forged, tampered or malformed cookie ends here, before any database work
        Optional<String> value = verifiedRequestedId();
        if (value.isEmpty()) {
            return null;
        }
        String id = value.get();
        // with the lock on, a session that cannot be locked is gone: there is nothing to load
        Optional<SessionRecord> record =
                config.lock().enabled() && !lock(id) ? Optional.empty() : repository.findById(id);
        StoredSession loaded = record.map(found ->
                        StoredSession.load(request.getServletContext(), events, this, config.limits(), id, found))
                .orElse(null);
        if (loaded != null && config.lock().enabled()) {
            locked = loaded;
            lockedUntilMs = record.get().lockedUntilMs();
        }
        if (loaded == null) {
            cookieRotatedAway = rotatedAway(id);
        }
        LOG.fine(() -> loaded != null
                ? "Loaded session " + SessionLog.fingerprint(id)
                : cookieRotatedAway
                        ? "Session " + SessionLog.fingerprint(id)
                                + " got a new id moments ago: this response sets no cookie"
                        : "No live session " + SessionLog.fingerprint(id) + ": starting afresh");
        return loaded;
    }

    /** Waits for the session's lock; false when there is no live session to lock. */
    private boolean lock(String id) {
        return SessionLockWait.REAL_TIME.acquire(
                SessionLog.fingerprint(id),
                () -> repository.tryLock(id, LOCK_LEASE_MS),
                config.lock().timeoutSeconds() * 1000L);
    }

    private void clearCookieIfSent() {
        if (cookieId != null && !response.isCommitted()) {
            cookies.clear(request, response);
            cookieId = null;
        }
    }
}
