package io.sessiondb.store;

import io.sessiondb.operations.metrics.SessionMetrics;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Sets up SessionDB's EclipseLink session:
 *
 * <ul>
 *   <li>A database outage reaches the client as a 503 at once: by default EclipseLink retries a read that
 *       failed on a broken connection three times, five seconds apart. Broken connections are the container
 *       pool's job (see the pool properties on {@link SessionDatabase}).
 *   <li>Every statement it sends is counted for the request that sent it ({@link SessionMetrics}).
 * </ul>
 */
public class StoreSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
        session.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void postExecuteCall(SessionEvent event) {
                SessionMetrics.statementSent();
            }
        });
    }
}
