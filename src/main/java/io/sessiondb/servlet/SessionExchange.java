package io.sessiondb.servlet;

import io.sessiondb.SessionStoreException;
import io.sessiondb.cache.HeldSession;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.cookie.ResponseCookie;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.integration.security.SignInSessionInterceptor;
import io.sessiondb.operations.metrics.SessionMetrics;
import io.sessiondb.session.SaveReport;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionDeletedException;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionActivationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The session state of one request: which session it uses (the cookie's, {@link RequestedSession}, or a
 * new one), and saving that session's changes and setting its cookie before the response is committed.
 *
 * <p>One per request, kept in a request attribute: the container authenticates before any filter runs,
 * so {@link SignInSessionInterceptor} may begin it before {@link SessionFilter} does, and the session
 * loaded there is the one the application gets.
 */
public final class SessionExchange {

    private static final Logger LOG = Logger.getLogger(SessionExchange.class.getName());
    private static final String ATTRIBUTE = SessionExchange.class.getName();

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final SessionCache cache;
    private final SessionEvents events;
    private final SessionDbConfig config;
    private final long requestStartMs;
    private final SessionIdRotation rotation;
    private final RequestedSession requested;
    /** The entries this request holds beside the one it joined (new sessions, sign-in copies), left as it ends. */
    private final List<HeldSession> adopted = new ArrayList<>(1);

    private final ResponseCookie cookie;

    private StoredSession current;
    /**
     * The cache's entry through which other requests here may share {@link #current}: the one this request
     * joined, or the one it adopted the session into; null while no other request can reach it.
     */
    private HeldSession held;
    /**
     * The id this request knows {@link #current} by: another request of the session that gives it a new id
     * (a sign-in) must not hand the new id to this one, which may carry a planted cookie.
     */
    private String knownId;
    /**
     * The user the requested session belonged to when this request joined it: a request signed in as that
     * user (the session's own sign-in, restored) signs nobody in, even if another request signed the
     * session out meanwhile.
     */
    private String principalAtJoin;
    /** The id this request gave the session itself: a new session's, or the one an id change of its gave. */
    private String ownId;
    /**
     * Set once the request released its session: a later commit point (the flush after the filter's
     * finish) has nothing left to do, and must not touch an object that other requests may rename by then.
     */
    private boolean finished;
    /** Set once a save failed: later commit points of the request fail at once instead of retrying. */
    private SessionStoreException saveFailure;
    /** Set when loading the requested session failed: the request has no session, nor a stale cookie. */
    private SessionStoreException loadFailure;

    public SessionExchange(
            HttpServletRequest request,
            HttpServletResponse response,
            SessionCache cache,
            SessionCookies cookies,
            long requestStartMs) {
        this.request = request;
        this.response = response;
        this.cache = cache;
        this.events = cache.events();
        this.config = cache.config();
        this.requestStartMs = requestStartMs;
        this.rotation = new SessionIdRotation(cache.repository(), config.rotation(), cache.lifecycle());
        this.requested = new RequestedSession(request, cookies, cache, rotation, requestStartMs);
        this.cookie =
                new ResponseCookie(request, response, cookies, config.cookie().rolling());
        SessionMetrics.requestBegins();
    }

    /** The request's session state, begun earlier in the request, or {@code begin}'s, kept for the rest of it. */
    public static SessionExchange of(ServletRequest request, Supplier<SessionExchange> begin) {
        SessionExchange session = begun(request);
        if (session == null) {
            session = begin.get();
            request.setAttribute(ATTRIBUTE, session);
        }
        return session;
    }

    /** The request's session state if something began it, otherwise null. */
    public static SessionExchange begun(ServletRequest request) {
        return (SessionExchange) request.getAttribute(ATTRIBUTE);
    }

    /** The request's session, looking up the cookie's on first call; a new one if asked and none is valid. */
    public StoredSession session(boolean create) {
        if (current != null && current.isValid()) {
            return current;
        }
        if (loadFailure != null) {
            throw loadFailure;
        }
        if (!requested.lookedUp()) {
            StoredSession found;
            try {
                found = requested.session();
            } catch (SessionStoreException e) {
                loadFailure = e;
                throw e;
            }
            if (found != null) {
                current = found;
                held = requested.joined();
                cookie.heldByClient(found.getId());
                knownId = found.getId();
                principalAtJoin = found.row().principalName();
                return current;
            }
            if (requested.rotatedAway()) {
                cookie.leaveAlone();
            }
        }
        if (!create) {
            return null;
        }
        held = null;
        current = StoredSession.create(
                request.getServletContext(),
                cache,
                SessionIds.generate(),
                requestStartMs,
                ClientDevice.of(request, cache.config().cookie()));
        knownId = current.getId();
        ownId = knownId;
        events.created(current);
        return current;
    }

    /** Whether the request has a session, or looked up the one its verified cookie named. */
    boolean usedSession() {
        return current != null || requested.lookedUp() && requested.verifiedId().isPresent();
    }

    /**
     * Whether the request may have a stored session, told without loading it: it uses one, or its cookie
     * verified and has not been looked up yet.
     */
    boolean sessionMayExist() {
        if (current != null) {
            return current.isValid();
        }
        return !requested.lookedUp() && requested.verifiedId().isPresent();
    }

    /** The id the client's cookie names, if its signature verifies; otherwise the raw cookie value. */
    Optional<String> requestedSessionId() {
        return requested.id();
    }

    /** True while the session the cookie named exists and is the one this request uses. */
    boolean requestedSessionIdValid() {
        session(false);
        StoredSession found = requested.session();
        return found != null
                && found == current
                && found.isValid()
                && found.getId().equals(requestedSessionId().orElse(null));
    }

    /**
     * Gives the current session a new id; a stored session keeps its data under it. As at a sign-in, the
     * requests in progress under the old id keep the object they joined and never see the new id.
     */
    public String changeId() {
        if (session(false) == null) {
            throw new IllegalStateException("The request has no session whose id could change");
        }
        signIn(() -> rotation.changeId(current, request));
        return knownId;
    }

    /**
     * Saves what changed since the last save and sets the cookie if the client does not hold the
     * session's id yet. Safe to call more than once: each call writes only the changes since the last.
     */
    public void commit() {
        if (saveFailure != null) {
            throw saveFailure;
        }
        if (finished) {
            // released: the object may be another request's by now (a sign-in renames an object nobody uses)
            return;
        }
        if (current == null) {
            return;
        }
        if (!current.isValid()) {
            cookie.clearIfHeld();
            return;
        }
        if (cookie.leftAlone() && !current.isStored()) {
            // a new session here could only reach the client through a cookie replacing its signed-in one
            return;
        }
        boolean renamedElsewhere = !current.getId().equals(knownId);
        if (renamedElsewhere) {
            // another request gave it a new id meanwhile (changeSessionId()): its changes are saved, but this
            // request, which may carry a planted cookie, gets no cookie of the new id
            LOG.fine(() -> "Session " + Fingerprints.ofSessionId(knownId) + " got a new id from another request");
            cookie.leaveAlone();
        }
        try {
            if (renamedElsewhere) {
                save();
                return;
            }
            if (signsInAnew()) {
                if (rotation.signInRotates(current, request)) {
                    signIn(() -> rotation.followSignedInUser(current, request));
                } else {
                    rotation.followSignedInUser(current, request);
                }
            }
            save();
        } catch (SessionStoreException e) {
            saveFailure = e;
            cache.distrust(current);
            throw e;
        } catch (SessionDeletedException e) {
            dropDeleted();
            return;
        }
        if (current.isStored() && cookie.due(current.getId())) {
            if (response.isCommitted() && cookie.clientHolds(current.getId())) {
                // a rolling cookie's refresh only: the client holds the id, so the session goes on without it
                LOG.fine(() -> "Session " + Fingerprints.ofSessionId(current.getId())
                        + " was saved after the response was committed; its rolling cookie was not refreshed");
                return;
            }
            if (response.isCommitted()) {
                LOG.warning(() -> "Session " + Fingerprints.ofSessionId(current.getId())
                        + " was stored after the response was committed; its cookie could not be sent");
                return;
            }
            if (cookie.clientHolds(current.getId())
                    && !current.row().rowWritten()
                    && !cache.repository().exists(current.getId())) {
                // only a rolling refresh gets here: the session was loaded, then rotated or deleted meanwhile
                dropDeleted();
                return;
            }
            if (!mayName(current.getId())) {
                // renamed by another request while this one ran: its id is not this response's to hand out
                cookie.leaveAlone();
                return;
            }
            cookie.write(current.getId());
        }
    }

    /**
     * Whether this response may set a cookie naming {@code id}: the id the client sent, or one this request
     * gave the session itself. No request carrying an old id ever receives the new one.
     */
    private boolean mayName(String id) {
        return id.equals(ownId) || id.equals(requested.verifiedId().orElse(null));
    }

    /**
     * Whether this request's user is one it signed in itself, rather than the user its session already
     * belonged to when it joined: only then may it record a user (a concurrent sign-out must not be undone by
     * a request that was signed in from the session before it).
     */
    private boolean signsInAnew() {
        String user = SessionIdRotation.signedInUser(request);
        return user != null && !user.equals(principalAtJoin);
    }

    /**
     * Gives the request's session a new id so that no request carrying the old one reaches it afterwards
     * (a sign-in, {@code changeSessionId()}): no other request can join the object this one goes on with
     * from now on ({@link SessionCache#detach}), {@code rotate} gives it a new id, and only then may the
     * caller attach a signed-in user; the session is then held under its new id.
     */
    private void signIn(Runnable rotate) {
        current = cache.detach(held, current);
        held = null;
        rotate.run();
        knownId = current.getId();
        ownId = knownId;
        if (cache.shares() && current.isStored()) {
            held = cache.adopt(current);
            adopted.add(held);
        }
    }

    /**
     * A Jakarta Security mechanism signed {@code caller} in and asked that the sign-in last: the session
     * keeps them signed in, on any node, after its id changed (when the fixation defence is on and the
     * session is stored), so no request carrying the old id ever sees the signed-in session.
     */
    public void keepSignedIn(SignedInCaller caller) {
        StoredSession session = session(true);
        String principal = StorageKeys.principalName(caller.name());
        if (rotation.rotatesOnSignIn(session) && !principal.equals(session.row().principalName())) {
            try {
                signIn(() -> rotation.signIn(current, principal));
            } catch (SessionDeletedException e) {
                // the stored session ended meanwhile: the sign-in goes on with a new one
                dropDeleted();
                session(true);
            }
        }
        current.row().keepSignedIn(caller);
    }

    private void save() {
        boolean wasStored = current.isStored();
        long touchIntervalMs = config.timeouts().touchIntervalMs(current.getMaxInactiveInterval());
        // values listening for passivation hear of the save before it serializes them, outside every lock
        List<HttpSessionActivationListener> passivated = current.willPassivate(requestStartMs, touchIntervalMs);
        SessionWrite write;
        try {
            write = current.saves().save(cache.repository(), requestStartMs, touchIntervalMs);
        } finally {
            current.didActivate(passivated);
        }
        if (write == null) {
            return;
        }
        SaveReport.saved(cache, current, write);
        if (!wasStored && cache.shares()) {
            held = cache.adopt(current);
            adopted.add(held);
        }
    }

    /** The session's row went away under this request (invalidated, expired or rotated by another one). */
    private void dropDeleted() {
        String id = current.getId();
        current.discard();
        if (rotation.rotatedAway(id)) {
            LOG.fine(() -> "Session " + Fingerprints.ofSessionId(id)
                    + " got a new id meanwhile; dropping this request's changes and leaving the new cookie alone");
            cookie.leaveAlone();
            return;
        }
        LOG.fine(() -> "Session " + Fingerprints.ofSessionId(id) + " was deleted meanwhile; dropping its changes");
        cookie.clearIfHeld();
    }

    /**
     * The last save of the request; a new session that is still unstored ends here (it held nothing, with
     * {@code sessiondb.save-empty-sessions=false}, or its client got another session's cookie meanwhile). The
     * session's lock, if held, and the sessions this request holds in the cache are released even when
     * the save fails.
     */
    public void finish() {
        try {
            joinUnusedSession();
            commit();
            if (current != null && current.isValid()) {
                // the access the next request's getLastAccessedTime() reports, without a write for it
                current.row().requestEnded(requestStartMs);
            }
            if (current != null && current.isValid() && !current.isStored()) {
                events.destroyed(current);
                current.discard();
            }
            boolean staleCookie = requested.lookedUp()
                    && loadFailure == null
                    && requested.session() == null
                    && !cookie.leftAlone()
                    && requestedSessionId().isPresent();
            if (staleCookie && (current == null || !current.isStored()) && !response.isCommitted()) {
                // an unknown, expired or forged id: drop it so later requests do not look it up again
                cookie.clear();
            }
        } finally {
            release();
        }
    }

    /**
     * A request that carries a verified cookie but never used its session still accesses it, as the Servlet
     * specification counts every request that carries the id: it joins the session here so that the last save
     * extends its life by the coalesced touch. A node that holds the session, touched less than a touch interval
     * ago, skips even the join ({@link SessionCache#touchDue}). Not with the session lock on: the request would
     * wait for the lock for a session it never uses.
     */
    private void joinUnusedSession() {
        if (current != null || requested.lookedUp() || !cache.shares() || finished) {
            return;
        }
        Optional<String> id = requested.verifiedId();
        if (id.isPresent() && cache.touchDue(id.get(), requestStartMs)) {
            session(false);
        }
    }

    /**
     * Releases the session's lock if this request holds it, and the sessions it holds in the cache; safe
     * to call more than once. Held until the request ends, not just until the response commits, because
     * the request may still change the session after that.
     */
    public void release() {
        finished = true;
        try {
            requested.release();
        } finally {
            adopted.forEach(cache::leave);
            adopted.clear();
        }
    }
}
