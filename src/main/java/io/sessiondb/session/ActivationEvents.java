package io.sessiondb.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells session values implementing {@link HttpSessionActivationListener} that their session is about to be
 * written to the database, and that they are live again (read back, or kept after the write), as a container
 * that moves sessions tells them. Called without any lock; a value that throws is logged and the others still
 * hear, as with every session listener.
 */
final class ActivationEvents {

    private static final Logger LOG = Logger.getLogger(ActivationEvents.class.getName());

    private ActivationEvents() {}

    static void willPassivate(HttpSession session, List<HttpSessionActivationListener> listeners) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (HttpSessionActivationListener listener : listeners) {
            try {
                listener.sessionWillPassivate(event);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "sessionWillPassivate of " + listener.getClass().getName() + " failed",
                        e);
            }
        }
    }

    static void didActivate(HttpSession session, List<HttpSessionActivationListener> listeners) {
        HttpSessionEvent event = new HttpSessionEvent(session);
        for (HttpSessionActivationListener listener : listeners) {
            try {
                listener.sessionDidActivate(event);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "sessionDidActivate of " + listener.getClass().getName() + " failed",
                        e);
            }
        }
    }
}
