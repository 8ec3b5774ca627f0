package io.sessiondb.servlet;

import io.sessiondb.SessionStoreException;
import io.sessiondb.UnavailableResponse;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.integration.cdi.WeldBinding;
import io.sessiondb.integration.cdi.WeldSessionContexts;
import io.sessiondb.visit.VisitTracker;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * First filter of the chain: hands the application a database-backed session, stamps the visit, and
 * saves the session before the response commits. When the session database fails, the client gets a
 * 503 with a clear message and nothing is half-written.
 */
public class SessionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SessionFilter.class.getName());
    /** Set on a request the filter has wrapped. */
    public static final String APPLIED = SessionFilter.class.getName() + ".applied";

    @Inject
    transient SessionCache cache;

    @Inject
    transient UnavailableResponse unavailable;

    @Inject
    transient SessionCookies cookies;

    @Inject
    transient SessionDbConfig config;

    @Inject
    transient VisitTracker visitTracker;

    @Inject
    transient WeldSessionContexts cdiContexts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(APPLIED) != null) {
            chain.doFilter(request, response); // a forward, include or error dispatch: already wrapped
            return;
        }
        request.setAttribute(APPLIED, Boolean.TRUE);
        long startMs = System.currentTimeMillis();
        // the tracker is request-scoped: without stamps, no instance of it is made per request
        boolean stamps = config.visits().enabled();
        if (!config.enabled()) {
            if (stamps) {
                visitTracker.stamp(request, startMs); // into the container's session
            }
            chain.doFilter(request, response);
            if (stamps) {
                visitTracker.stampCreated(request, startMs);
            }
            return;
        }
        // begun already when an authentication mechanism looked for a signed-in user (SignInSessionInterceptor)
        SessionExchange session =
                SessionExchange.of(request, () -> new SessionExchange(request, response, cache, cookies, startMs));
        SessionRequestWrapper sessionRequest = new SessionRequestWrapper(request, session);
        SessionResponseWrapper sessionResponse = new SessionResponseWrapper(response, session::commit);
        boolean finishesLater = false;
        try {
            // CDI's session and conversation scopes use this request's session until the chain returns; the
            // binding ends before the save, since ending it writes conversation state into the session
            try (WeldBinding cdi =
                    cdiContexts.bind(request, sessionRequest, session::session, session.sessionMayExist())) {
                if (stamps) {
                    visitTracker.stamp(sessionRequest, startMs);
                }
                chain.doFilter(sessionRequest, sessionResponse);
            }
            if (stamps && !sessionRequest.isAsyncStarted()) {
                visitTracker.stampCreated(sessionRequest, startMs);
            }
            if (sessionRequest.isAsyncStarted()) {
                sessionRequest.getAsyncContext().addListener(new FinishOnComplete(session));
                finishesLater = true;
            } else {
                session.finish();
                sessionResponse.flushWriter();
                if (session.usedSession()) {
                    cache.metrics().requestUsedSession();
                }
            }
        } catch (IOException | ServletException | RuntimeException e) {
            SessionStoreException storeFailure = storeFailure(e);
            if (storeFailure == null) {
                throw e;
            }
            unavailable.send(response, storeFailure);
        } finally {
            if (!finishesLater) {
                // finish() has released the session unless the request failed before or inside it
                session.release();
            }
        }
    }

    private static SessionStoreException storeFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SessionStoreException storeFailure) {
                return storeFailure;
            }
        }
        return null;
    }

    /** Saves an asynchronous request's session when it completes. */
    private record FinishOnComplete(SessionExchange session) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            try {
                session.finish();
            } catch (SessionStoreException e) {
                LOG.log(Level.WARNING, "Could not save the session of an asynchronous request", e);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
