package io.sessiondb.operations.admin;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.servlet.SessionDbStarting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Serves the admin API and each user's list of their own sessions at their configured paths when SessionDB
 * starts, each only when it is on.
 */
@ApplicationScoped
public class AdminRegistration {

    private static final Logger LOG = Logger.getLogger(AdminRegistration.class.getName());

    @Inject
    SessionDbConfig config;

    void register(@Observes SessionDbStarting starting) {
        ServletContext context = starting.context();
        if (config.admin().enabled()) {
            context.declareRoles(AdminAccess.ROLE);
            addServlet(
                    context,
                    "SessionDB admin API",
                    AdminServlet.class,
                    config.admin().path());
        } else {
            LOG.info("The SessionDB admin API is off: no sessiondb.admin.password-hash is configured");
        }
        if (config.ownSessions().enabled()) {
            addServlet(
                    context,
                    "SessionDB own sessions",
                    OwnSessionsServlet.class,
                    config.ownSessions().path());
        }
    }

    /**
     * A servlet at a path and below it, unless the application maps that path itself: then the application's
     * stays.
     */
    private static void addServlet(ServletContext context, String name, Class<? extends Servlet> type, String path) {
        Set<String> taken = context.addServlet(name, type).addMapping(path + "/*");
        if (taken.isEmpty()) {
            LOG.info(() -> name + " at " + path);
        } else {
            LOG.warning(() -> "The application maps " + taken + " itself: SessionDB's " + name + " is not served");
        }
    }
}
