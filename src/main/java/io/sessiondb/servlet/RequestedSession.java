package io.sessiondb.servlet;

import io.sessiondb.cache.HeldSession;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.session.SessionLease;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionData;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The stored session a request's cookie names: the id the cookie's signature vouches for, checked once
 * (the HMAC is not free), and that session, looked up at most once: joined in this node's {@link
 * SessionCache}, or, with the session lock on, loaded under its lock. Both are held until {@link #release}.
 */
final class RequestedSession {

    private static final Logger LOG = Logger.getLogger(RequestedSession.class.getName());

    private final HttpServletRequest request;
    private final SessionCookies cookies;
    private final SessionCache cache;
    private final SessionIdRotation rotation;
    private final SessionLease lease;
    private final long requestStartMs;

    private Optional<String> verifiedId;
    private boolean lookedUp;
    private StoredSession session;
    /** The cache's entry this request joined, which it leaves as it ends. */
    private HeldSession joined;
    /** The cookie names an id that another request replaced moments ago (a sign-in). */
    private boolean rotatedAway;

    RequestedSession(
            HttpServletRequest request,
            SessionCookies cookies,
            SessionCache cache,
            SessionIdRotation rotation,
            long requestStartMs) {
        this.request = request;
        this.cookies = cookies;
        this.cache = cache;
        this.rotation = rotation;
        this.lease = new SessionLease(cache.repository(), cache.config().lock().timeoutSeconds());
        this.requestStartMs = requestStartMs;
    }

    /** The session the cookie names, looked up on the first call; null when there is none or the cookie is bad. */
    StoredSession session() {
        if (!lookedUp) {
            lookedUp = true;
            session = lookUp();
        }
        return session;
    }

    boolean lookedUp() {
        return lookedUp;
    }

    /** The id the client's cookie names, if its signature verifies; otherwise the raw cookie value. */
    Optional<String> id() {
        return verifiedId().or(() -> cookies.requestedValue(request));
    }

    /** The verified id of the client's cookie. */
    Optional<String> verifiedId() {
        if (verifiedId == null) {
            verifiedId = cookies.requestedValue(request).flatMap(cookies::verifiedId);
        }
        return verifiedId;
    }

    /** The cache's entry this request joined, through which other requests here share its session; null if none. */
    HeldSession joined() {
        return joined;
    }

    /** Whether the cookie's session is gone because another request gave it a new id moments ago. */
    boolean rotatedAway() {
        return rotatedAway;
    }

    /** Leaves the cache's entry and releases the lock, if held; safe to call more than once. */
    void release() {
        try {
            lease.release();
        } finally {
            if (joined != null) {
                cache.leave(joined);
                joined = null;
            }
        }
    }

    private StoredSession lookUp() {
        // a forged, tampered or malformed cookie ends here, before any database work
        Optional<String> value = verifiedId();
        if (value.isEmpty()) {
            return null;
        }
        String id = value.get();
        StoredSession found;
        if (cache.shares()) {
            joined = cache.join(id, request.getServletContext(), requestStartMs);
            found = joined == null ? null : joined.session();
        } else {
            found = loadLocked(id);
        }
        if (found == null) {
            rotatedAway = rotation.rotatedAway(id);
        }
        LOG.fine(() -> found != null
                ? "Joined session " + Fingerprints.ofSessionId(id)
                : rotatedAway
                        ? "Session " + Fingerprints.ofSessionId(id)
                                + " got a new id moments ago: this response sets no cookie"
                        : "No live session " + Fingerprints.ofSessionId(id) + ": starting afresh");
        return found;
    }

    /** With the lock on, a session that cannot be locked is gone: there is nothing to load. */
    private StoredSession loadLocked(String id) {
        if (!lease.acquire(id)) {
            return null;
        }
        Optional<SessionData> record = cache.repository().findById(id);
        if (record.isEmpty()) {
            return null;
        }
        StoredSession loaded =
                StoredSession.load(request.getServletContext(), cache, id, record.get(), System.currentTimeMillis());
        lease.held(loaded);
        return loaded;
    }
}
