package io.sessiondb.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} is DOWN while the session database cannot be reached: a node that cannot load
 * sessions should get no traffic. The probe is the same one-row lookup a request makes.
 */
@Readiness
@ApplicationScoped
public class SessionStoreReadiness implements HealthCheck {

    /** A well-formed id no cookie will ever carry: its lookup finds nothing, quickly, by primary key. */
    private static final String PROBE_ID = "health-probe";

    @Inject
    SessionRepository repository;

    @Override
    public HealthCheckResponse call() {
        try {
            repository.findById(PROBE_ID);
            return HealthCheckResponse.up("session-store");
        } catch (SessionStoreException e) {
            return HealthCheckResponse.named("session-store")
                    .down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
