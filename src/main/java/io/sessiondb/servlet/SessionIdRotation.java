package io.sessiondb.servlet;

import io.sessiondb.config.RotationSettings;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionDeletedException;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.StorageKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Gives sessions new ids: when the application asks ({@code changeSessionId()}), and when the user signed
 * in on a session's requests changes, the session-fixation defence.
 */
public final class SessionIdRotation {

    private static final Logger LOG = Logger.getLogger(SessionIdRotation.class.getName());

    private final SessionRepository repository;
    private final RotationSettings settings;
    private final LifecycleLog lifecycle;

    SessionIdRotation(SessionRepository repository, RotationSettings settings, LifecycleLog lifecycle) {
        this.repository = repository;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /**
     * Gives a session a new id and records its principal; a stored session keeps its data under the new id
     * and the store remembers the old one for the grace window.
     *
     * @param why the event the lifecycle log records for a stored session
     * @return false if the stored session is gone
     */
    boolean rotate(StoredSession session, String principal, LifecycleLog.Event why) {
        String newId = SessionIds.generate();
        String oldId = session.getId();
        String oldKey = session.row().storageKey();
        if (session.isStored()) {
            if (session.saves().changeId(repository, newId, principal).isEmpty()) {
                return false;
            }
        } else {
            if (!Objects.equals(principal, session.row().principalName())) {
                session.row().principalChanged(principal);
            }
            session.row().changeId(newId);
        }
        session.idChanged(oldId);
        if (session.isStored()) {
            lifecycle.renamed(why, oldKey, session.row().storageKey(), principal);
        }
        return true;
    }

    /**
     * The application asked for a new id ({@code changeSessionId()}): the session keeps its user, or takes
     * the request's signed-in one.
     *
     * @return the new id
     * @throws IllegalStateException when the stored session is gone
     */
    String changeId(StoredSession session, HttpServletRequest request) {
        String signedIn = signedInUser(request);
        if (!rotate(
                session, signedIn != null ? signedIn : session.row().principalName(), LifecycleLog.Event.ID_CHANGED)) {
            throw new IllegalStateException("The session no longer exists");
        }
        return session.getId();
    }

    /**
     * A session belongs to the user signed in on its requests: when that user changes (signing in,
     * switching user), the session records it and, with rotate-on-login, gets a new id, so an id planted
     * before sign-in is worthless after it. Requests without a user (public pages) change nothing.
     *
     * @throws SessionDeletedException when the stored session is gone
     */
    void followSignedInUser(StoredSession session, HttpServletRequest request) {
        String principal = signedInUser(request);
        if (principal == null || principal.equals(session.row().principalName())) {
            return;
        }
        if (!rotatesOnSignIn(session)) {
            session.row().principalChanged(principal);
            if (session.isStored()) {
                lifecycle.record(LifecycleLog.Event.SIGNED_IN, session.row().storageKey(), principal);
            }
            return;
        }
        String oldId = session.getId();
        if (!rotate(session, principal, LifecycleLog.Event.SIGNED_IN)) {
            throw new SessionDeletedException();
        }
        LOG.fine(() -> "Session " + Fingerprints.ofSessionId(oldId) + " is now "
                + Fingerprints.ofSessionId(session.getId()) + ": its user changed");
    }

    /**
     * A mechanism signed {@code principal} in on a stored session: it gets a new id and belongs to them.
     *
     * @throws SessionDeletedException when the stored session is gone
     */
    void signIn(StoredSession session, String principal) {
        String oldId = session.getId();
        if (!rotate(session, principal, LifecycleLog.Event.SIGNED_IN)) {
            throw new SessionDeletedException();
        }
        LOG.fine(() -> "Session " + Fingerprints.ofSessionId(oldId) + " is now "
                + Fingerprints.ofSessionId(session.getId()) + ": signed in");
    }

    /** Whether {@link #followSignedInUser} would give the session a new id for this request's user. */
    boolean signInRotates(StoredSession session, HttpServletRequest request) {
        String principal = signedInUser(request);
        return principal != null && !principal.equals(session.row().principalName()) && rotatesOnSignIn(session);
    }

    /** Whether a sign-in gives this session a new id: rotate-on-login is on and the session is stored. */
    boolean rotatesOnSignIn(StoredSession session) {
        return settings.onLogin() && session.isStored();
    }

    /** Whether the id {@code id} was replaced within the grace window: its cookie must not be overwritten. */
    boolean rotatedAway(String id) {
        return settings.graceSeconds() > 0 && repository.rotatedWithin(id, settings.graceSeconds());
    }

    /** The signed-in user's name as the store keeps it, or null when nobody is signed in. */
    static String signedInUser(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal == null || principal.getName() == null ? null : StorageKeys.principalName(principal.getName());
    }
}
