package io.sessiondb.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;

/**
 * At start-up, before anything else of SessionDB runs: sets the level of the {@code io.sessiondb} loggers
 * ({@code sessiondb.log.level}) and says which profile and database this node runs with. Reading the
 * settings here first also stops a badly configured deployment before any other start-up work.
 */
@ApplicationScoped
public class StartupLog {

    private static final Logger LOG = Logger.getLogger(StartupLog.class.getName());

    @Inject
    SessionDbConfig config;

    /** Held so the level set on it stays: the JDK keeps loggers only weakly. */
    private Logger sessionDbLogger;

    void announceOnStart(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object start) {
        sessionDbLogger = Logger.getLogger("io.sessiondb");
        sessionDbLogger.setLevel(config.logging().level());
        LOG.info(() -> "SessionDB profile '" + config.logging().profile() + "', database "
                + config.database().description());
    }
}
