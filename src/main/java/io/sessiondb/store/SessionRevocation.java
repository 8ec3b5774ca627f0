package io.sessiondb.store;

import io.sessiondb.operations.log.LifecycleLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends sessions from outside their own requests: the admin API's "invalidate" and "log out everywhere", and
 * a user revoking one of their devices. The rows go in one transaction; a node holding one of the sessions
 * finds it gone on its next request (its version check, or the database's announcement). The session
 * listeners then hear {@code sessionDestroyed}, as for an expired session: on a scheduler thread, since
 * CDI's session context of the revoking request must not stand in for the revoked session's.
 */
@ApplicationScoped
public class SessionRevocation {

    private static final Logger LOG = Logger.getLogger(SessionRevocation.class.getName());
    /** Rounds of "log out everywhere" before it gives up on a user whose sessions keep changing ids. */
    private static final int MOST_ROUNDS = 10;

    @Inject
    SessionCatalog catalog;

    @Inject
    LifecycleLog lifecycle;

    @Inject
    Event<SessionRevoked> revokedEvent;

    /**
     * Deletes those of the sessions (by storage key) that are live.
     *
     * @return how many this call deleted
     */
    public int revoke(Collection<String> keys) {
        List<SessionData> revoked = catalog.deleteLive(keys);
        for (SessionData session : revoked) {
            lifecycle.record(LifecycleLog.Event.REVOKED, session.key(), session.principalName());
        }
        if (!revoked.isEmpty()) {
            ServerConcurrency.scheduler().execute(() -> announce(revoked));
        }
        return revoked.size();
    }

    /**
     * Ends every live session of a user ("log out everywhere"), again for as long as any is found (at most
     * {@value #MOST_ROUNDS} rounds): a session whose id changes between finding it and deleting it keeps
     * its user, and the next round finds it under its new id.
     *
     * @return how many this call ended
     */
    public int revokeUser(String principal) {
        int ended = 0;
        for (int round = 0; round < MOST_ROUNDS; round++) {
            List<String> keys = catalog.keysOfUser(principal);
            if (keys.isEmpty()) {
                break;
            }
            ended += revoke(keys);
        }
        return ended;
    }

    private void announce(List<SessionData> revoked) {
        for (SessionData session : revoked) {
            try {
                revokedEvent.fire(new SessionRevoked(session));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not tell the listeners of a revoked session", e);
            }
        }
    }
}
