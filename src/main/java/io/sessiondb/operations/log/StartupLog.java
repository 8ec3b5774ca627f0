package io.sessiondb.operations.log;

import io.sessiondb.config.DatabaseSettings;
import io.sessiondb.config.SessionDbConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;

/**
 * At start-up, before anything else of SessionDB runs: sets the level of the {@code io.sessiondb} loggers
 * ({@code sessiondb.log.level}) and says which database this node runs with, warning once when it is the
 * embedded one-node default. Reading the settings here first also stops a badly configured deployment before
 * any other start-up work.
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
        LOG.info(() -> "SessionDB database " + config.database().description());
        if (config.database().embedded()) {
            LOG.warning(() -> "SessionDB keeps the sessions in the embedded H2 file " + DatabaseSettings.EMBEDDED_URL
                    + ", for one node only: a second node would have sessions of its own. For more nodes, set "
                    + DatabaseSettings.URL + " (env SESSIONDB_DB_URL) or " + DatabaseSettings.DATASOURCE
                    + " (env SESSIONDB_DATASOURCE) to a shared database");
        }
    }
}
