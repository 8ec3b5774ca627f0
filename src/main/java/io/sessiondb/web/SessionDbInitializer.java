package io.sessiondb.web;

import io.sessiondb.events.WeldSessionContexts;
import io.sessiondb.store.ExpirySweeper;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SchemaMigrator;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;

/**
 * Starts SessionDB in the application that adds it, declared by the library's web fragment: brings the
 * session schema up to date, starts the expiry sweeper, the visit-stamp flush and the session cache on it,
 * then puts {@link SessionFilter} in front of every request.
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
    SchemaMigrator schemaMigrator;

    @Inject
    ExpirySweeper expirySweeper;

    @Inject
    PendingVisits pendingVisits;

    @Inject
    WeldSessionContexts cdiContexts;

    @Inject
    SessionCache cache;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        schemaMigrator.migrate();
        // the sweeper destroys the CDI beans of the sessions it deletes through Weld's listener, found here
        cdiContexts.start(event.getServletContext());
        expirySweeper.start();
        pendingVisits.start();
        cache.start();
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter(FILTER_NAME, SessionFilter.class);
        filter.setAsyncSupported(true);
        // forwards and includes run inside a request the filter has already wrapped
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
    }
}
