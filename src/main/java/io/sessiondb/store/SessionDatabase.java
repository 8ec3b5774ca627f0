package io.sessiondb.store;

import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The database the sessions live in: the server-managed datasource named by {@code sessiondb.datasource},
 * or else the application's own ({@link #DATASOURCE}), and which {@link Dialect} it speaks.
 *
 * <p>The application's own datasource is defined by the library's web fragment (META-INF/web-fragment.xml):
 * an embedded H2 file by default, any JDBC URL through {@code sessiondb.db.url}, {@code .user} and {@code
 * .password} (see {@link ConfiguredDataSource}).
 */
@ApplicationScoped
public class SessionDatabase {

    static final String DATASOURCE = "java:app/jdbc/sessiondb";

    @Inject
    SessionDbConfig config;

    private volatile DataSource dataSource;
    private volatile Dialect dialect;

    /** The database behind {@code dataSource}, reached directly rather than by name (outside a container). */
    static SessionDatabase of(DataSource dataSource) {
        SessionDatabase database = new SessionDatabase();
        database.dataSource = dataSource;
        return database;
    }

    public DataSource dataSource() {
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
    public Dialect dialect() {
        if (dialect == null) {
            dialect = Dialect.of(dataSource());
        }
        return dialect;
    }
}
