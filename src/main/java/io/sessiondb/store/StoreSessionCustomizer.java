package io.sessiondb.store;

import io.sessiondb.config.SessionDbConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Adapts EclipseLink to the session store before it first connects, which the server does while
 * deploying, before any application code runs:
 *
 * <ul>
 *   <li>The settings are validated here first, so a bad or missing one (the prod profile's database and
 *       secret) stops deployment with a message naming each, not with a failed connection.
 *   <li>A database outage reaches the client as a 503 at once. By default EclipseLink retries a read that
 *       failed on a broken connection three times, five seconds apart; broken connections are the
 *       container pool's job (see the pool properties on {@link SessionDatabase}).
 *   <li>When {@code sessiondb.datasource} names a server-managed datasource, EclipseLink connects through
 *       it instead of the application's own; the persistence unit's datasource is fixed at build time,
 *       the server's name is known only at deployment.
 * </ul>
 */
public class StoreSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        SessionDbConfig config =
                SessionDbConfig.load(ConfigProvider.getConfig(StoreSessionCustomizer.class.getClassLoader()));
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
        config.database().datasource().ifPresent(name -> {
            login.setConnector(serverConnector(name));
            // reads outside transactions have a login of their own (the server's non-transactional one)
            if (session instanceof ServerSession server
                    && server.getReadConnectionPool().getLogin() instanceof DatasourceLogin readLogin) {
                readLogin.setConnector(serverConnector(name));
            }
        });
    }

    private static JNDIConnector serverConnector(String jndiName) {
        JNDIConnector connector = new JNDIConnector(jndiName);
        connector.setLookupType(JNDIConnector.STRING_LOOKUP);
        return connector;
    }
}
