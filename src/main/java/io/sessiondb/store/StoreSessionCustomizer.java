package io.sessiondb.store;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * A database outage reaches the client as a 503 at once: by default EclipseLink retries a read that
 * failed on a broken connection three times, five seconds apart. Broken connections are the container
 * pool's job (see the pool properties on {@link SessionDatabase}).
 */
public class StoreSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
    }
}
