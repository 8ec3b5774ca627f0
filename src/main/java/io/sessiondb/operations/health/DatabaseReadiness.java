package io.sessiondb.operations.health;

import io.sessiondb.SessionStoreException;
import io.sessiondb.store.SchemaMigrator;
import io.sessiondb.store.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is DOWN while the session database cannot be reached, or its tables are older than
 * this version of SessionDB needs: a node that cannot load or store sessions should get no traffic. The
 * first probe is the same one-row lookup a request makes.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    static final String NAME = "session-store";
    /** A well-formed id no cookie will ever carry: its lookup finds nothing, quickly, by primary key. */
    private static final String PROBE_ID = "health-probe";

    @Inject
    SessionRepository repository;

    @Inject
    SchemaMigrator schema;

    @Override
    public HealthCheckResponse call() {
        try {
            repository.findById(PROBE_ID);
        } catch (SessionStoreException e) {
            return down("database", "unreachable: " + e.getMessage());
        }
        try {
            schema.checkSchemaCurrent();
        } catch (SQLException e) {
            return down("schema", "not current: " + e.getMessage());
        }
        return HealthCheckResponse.named(NAME)
                .up()
                .withData("database", "reachable")
                .withData("schema", "current")
                .build();
    }

    private static HealthCheckResponse down(String part, String problem) {
        return HealthCheckResponse.named(NAME).down().withData(part, problem).build();
    }
}
