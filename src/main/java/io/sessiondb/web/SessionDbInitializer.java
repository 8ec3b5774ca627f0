package io.sessiondb.web;

import io.sessiondb.admin.AdminAccess;
import io.sessiondb.admin.AdminServlet;
import io.sessiondb.admin.OwnSessionsServlet;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.DeclaredSessionListeners;
import io.sessiondb.events.WeldSessionContexts;
import io.sessiondb.metrics.SessionMetrics;
import io.sessiondb.store.ExpirySweeper;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SchemaMigrator;
import io.sessiondb.store.SessionCatalog;
import io.sessiondb.store.SigningKeys;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Starts SessionDB in the application that adds it, declared by the library's web fragment: brings the
 * session schema up to date, starts the expiry sweeper, the visit-stamp flush and the session cache on it,
 * reads the cookie-signing secrets (generating the database's when none are configured), then puts {@link
 * SessionFilter} in front of every request and serves, when configured, the admin API and each user's list of
 * their own sessions (the {@code admin} package) at their configured paths.
 *
 * <ul>
 *   <li>The schema is migrated here, before the application serves its first request: not earlier, when
 *       CDI starts, because the datasource the fragment declares is not bound in JNDI until the web module
 *       itself starts.
 *   <li>The filter is registered in code, not as a filter of the fragment: the filters of the application's
 *       web.xml and annotations always come before a fragment's, while a mapping added here with {@code
 *       isMatchAfter = false} comes before all of them, so no application filter ever sees the container's
 *       session.
 * </ul>
 */
public class SessionDbInitializer implements ServletContextListener {

    static final String FILTER_NAME = "SessionDB";
    private static final Logger LOG = Logger.getLogger(SessionDbInitializer.class.getName());

    @Inject
    SessionDbConfig config;

    @Inject
    SchemaMigrator schemaMigrator;

    @Inject
    SigningKeys signingKeys;

    @Inject
    ExpirySweeper expirySweeper;

    @Inject
    PendingVisits pendingVisits;

    @Inject
    WeldSessionContexts cdiContexts;

    @Inject
    SessionCache cache;

    @Inject
    SessionMetrics metrics;

    @Inject
    SessionCatalog catalog;

    @Inject
    DeclaredSessionListeners declaredListeners;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        schemaMigrator.migrate();
        signingKeys.load();
        // the sweeper destroys the CDI beans of the sessions it deletes through Weld's listener, found here
        cdiContexts.start(event.getServletContext());
        expirySweeper.start();
        pendingVisits.start();
        cache.start();
        metrics.start();
        metrics.liveSessions(catalog::recentLiveCount);
        ServletContext context = event.getServletContext();
        declaredListeners.start(context);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, SessionFilter.class);
        filter.setAsyncSupported(true);
        // forwards and includes run inside a request the filter has already wrapped
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
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
