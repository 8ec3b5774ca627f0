package io.sessiondb.store;

import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Brings the session tables to the current schema version when the application starts, before any
 * request is served (called by {@code io.sessiondb.servlet.SessionDbInitializer}); Flyway's lock lets several nodes start at once. With {@code
 * sessiondb.schema.migrate=false} (a DBA applies the scripts by hand) it only checks that the tables
 * are there.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final String HISTORY_TABLE = "sessiondb_schema_history";
    /** The column the newest migration that changed the session table (V7) added: a schema without it is out of date. */
    private static final String NEWEST_SESSION_COLUMN = "user_agent";
    /** The table the newest migration (V8) added. */
    private static final String NEWEST_TABLE = "sessiondb_secret";

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Inject
    SessionDbConfig config;

    @Inject
    SessionDatabase database;

    /** Called once as the application starts, before it serves a request (see the web package's initializer). */
    public void migrate() {
        DataSource dataSource = database.dataSource();
        String folder = database.dialect().migrationFolder();
        if (!config.database().schemaMigrate()) {
            checkTablesExist(dataSource, folder);
            return;
        }
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + folder)
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo current = flyway.info().current();
        LOG.info(() -> "Session schema at version " + (current == null ? "none" : current.getVersion()) + " on "
                + folder + " (" + applied + " migrations applied now)");
    }

    /**
     * Whether the session tables are those this version of SessionDB needs: for readiness, which is DOWN
     * while another node has not migrated them yet, or someone applying them by hand has not finished.
     *
     * @throws SQLException when the database cannot be reached, or the tables are older or missing
     */
    public void checkSchemaCurrent() throws SQLException {
        checkNewestColumns(database.dataSource());
    }

    /** Reads the newest column of each table: tables of an older version fail here, not on a request. */
    private static void checkNewestColumns(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement
                    .executeQuery("SELECT COUNT(" + NEWEST_SESSION_COLUMN + ") FROM sessiondb_session WHERE 1 = 0")
                    .close();
            statement
                    .executeQuery("SELECT COUNT(*) FROM sessiondb_attribute WHERE 1 = 0")
                    .close();
            statement
                    .executeQuery("SELECT COUNT(*) FROM " + NEWEST_TABLE + " WHERE 1 = 0")
                    .close();
        }
    }

    private static void checkTablesExist(DataSource dataSource, String folder) {
        try {
            checkNewestColumns(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "sessiondb.schema.migrate is false, but the session tables are missing"
                            + " or unreadable: apply the scripts in db/migration/" + folder + " (in the WAR under"
                            + " WEB-INF/classes) in version order, or turn automatic migration on",
                    e);
        }
        LOG.info("Automatic schema migration is off; the session tables are present");
    }
}
