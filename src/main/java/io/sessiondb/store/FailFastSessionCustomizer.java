package io.sessiondb.store;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * Lets a database outage reach the client as a 503 at once. By default EclipseLink retries a read that
 * failed on a broken connection three times, five seconds apart, so each request during an outage hung
 * for about 14 s before failing. Broken connections are the container pool's job (see the pool
 * properties on {@link SchemaMigrator}): it validates them and drops them all after a failure.
 */
public class FailFastSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
    }
}
