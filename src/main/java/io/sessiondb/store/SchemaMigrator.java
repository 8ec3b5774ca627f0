package io.sessiondb.store;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the session tables to the current schema version when the application starts, before any
 * request is served. Flyway's lock lets several nodes start at once.
 *
 * <p>The datasource is defined here, by the application: an embedded H2 file by default, any JDBC URL
 * through {@code sessiondb.db.url}, {@code .user} and {@code .password}.
 */
@DataSourceDefinition(
        name = SchemaMigrator.DATASOURCE,
        className = "io.sessiondb.store.ConfiguredDataSource",
        // none kept open when idle: after a failure (fail-all-connections below) Payara reopens minPoolSize
        // connections while it holds the pool's lock, so against a database that never answers each of
        // them blocked every other request for a login timeout, one after another (seen: 503s after 21 s)
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
public class SchemaMigrator {

    static final String DATASOURCE = "java:app/jdbc/sessiondb";
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    void migrateOnStart(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object start) {
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + MigrationFolder.of(dataSource))
                .table("sessiondb_schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> "Session schema at version " + result.targetSchemaVersion + " on " + result.database + " ("
                + result.migrationsExecuted + " migrations applied now)");
    }
}
