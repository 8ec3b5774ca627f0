package io.sessiondb.store;

import io.sessiondb.config.SessionDbConfig;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The database the sessions live in: the server-managed datasource named by {@code sessiondb.datasource},
 * or else the application's own ({@link #DATASOURCE}), and which {@link Dialect} it speaks.
 *
 * <p>The application's own datasource is defined here: an embedded H2 file by default, any JDBC URL
 * through {@code sessiondb.db.url}, {@code .user} and {@code .password} (see {@link ConfiguredDataSource}).
 */
@DataSourceDefinition(
        name = SessionDatabase.DATASOURCE,
        className = "io.sessiondb.store.ConfiguredDataSource",
        // none kept open when idle: unused when a server datasource is configured, and after a failure
        // (fail-all-connections below) Payara reopens minPoolSize connections while it holds the pool's
        // lock, so against a database that never answers each of them blocked every other request for a
        // login timeout, one after another (seen: 503s after 21 s)
        minPoolSize = 0,
        maxPoolSize = 32,
        properties = {
            // drop every pooled connection after one fails, so service resumes when the database returns
            "fish.payara.fail-all-connections=true",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.validate-atmost-once-period-in-seconds=5",
            // a request waits for a free connection at most sessiondb.db.timeout seconds (Payara's default is
            // 60 s): "${MPCONFIG=key:default}" is substituted by Payara, and "000" makes milliseconds of it
            "fish.payara.max-wait-time-in-millis=${MPCONFIG=sessiondb.db.timeout:10}000"
        })
@ApplicationScoped
public class SessionDatabase {

    static final String DATASOURCE = "java:app/jdbc/sessiondb";

    @Inject
    SessionDbConfig config;

    private volatile DataSource dataSource;
    private volatile Dialect dialect;

    DataSource dataSource() {
        if (dataSource == null) {
            String jndiName = config.database().datasource().orElse(DATASOURCE);
            try {
                dataSource = InitialContext.doLookup(jndiName);
            } catch (NamingException e) {
                throw new IllegalStateException(
                        "No datasource named " + jndiName
                                + (config.database().datasource().isPresent() ? " (set by sessiondb.datasource)" : ""),
                        e);
            }
        }
        return dataSource;
    }

    /** Found out once, on first need (at start-up, by the schema migration). */
    Dialect dialect() {
        if (dialect == null) {
            dialect = Dialect.of(dataSource());
        }
        return dialect;
    }
}
