package io.sessiondb.store;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * Adapts EclipseLink to the session store before it first connects:
 *
 * <ul>
 *   <li>A database outage reaches the client as a 503 at once. By default EclipseLink retries a read that
 *       failed on a broken connection three times, five seconds apart; broken connections are the
 *       container pool's job (see the pool properties on {@link SchemaMigrator}).
 *   <li>When {@code sessiondb.datasource} names a server-managed datasource, EclipseLink connects through
 *       it instead of the application's own; the persistence unit's datasource is fixed at build time,
 *       the server's name is known only at deployment.
 * </ul>
 */
public class StoreSessionCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
        serverDatasource().ifPresent(name -> {
            JNDIConnector connector = new JNDIConnector(name);
            connector.setLookupType(JNDIConnector.STRING_LOOKUP);
            login.setConnector(connector);
        });
    }

    private static Optional<String> serverDatasource() {
        return ConfigProvider.getConfig(StoreSessionCustomizer.class.getClassLoader())
                .getOptionalValue("sessiondb.datasource", String.class);
    }
}
