package io.sessiondb.servlet;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.cookie.SigningKeys;
import io.sessiondb.integration.cdi.WeldSessionContexts;
import io.sessiondb.operations.metrics.SessionMetrics;
import io.sessiondb.session.DeclaredSessionListeners;
import io.sessiondb.store.ExpirySweeper;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SchemaMigrator;
import io.sessiondb.store.SessionCatalog;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;

/**
 * Starts SessionDB in the application that adds it, declared by the library's web fragment: brings the
 * session schema up to date, starts the expiry sweeper, the visit-stamp flush and the session cache on it,
 * reads the cookie-signing secrets (generating the database's when none are configured), then puts {@link
 * SessionFilter} in front of every request and announces {@link SessionDbStarting}, on which the optional
 * features that serve requests of their own register (the admin API, a user's own sessions).
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

    @Inject
    Event<SessionDbStarting> starting;

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
        starting.fire(new SessionDbStarting(context));
    }
}
