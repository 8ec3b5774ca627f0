package io.sessiondb.operations.health;

import io.sessiondb.store.ExpirySweeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: SessionDB started and its sweeper is still scheduled. The database is not asked: an
 * outage makes a node unready ({@link DatabaseReadiness}), not dead, and restarting it would not help.
 */
@Liveness
@ApplicationScoped
public class SweeperLiveness implements HealthCheck {

    static final String NAME = "sessiondb";

    @Inject
    ExpirySweeper sweeper;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME)
                .status(sweeper.isScheduled())
                .withData("sweeper", sweeper.isScheduled() ? "scheduled" : "not running")
                .build();
    }
}
