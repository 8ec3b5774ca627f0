package io.sessiondb.integration.security;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.servlet.SessionExchange;
import io.sessiondb.servlet.SessionFilter;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Releases the session of a request that never reached {@link SessionFilter}: authentication ({@link
 * SignInSessionInterceptor}) loaded its session, joining it in the {@link SessionCache} and, with the lock
 * on, taking its lock, then the container answered by itself, for instance with 403 for a signed-in user
 * without the role a page needs. Without this the session's next requests would wait for the lease to run
 * out, and the node would never load the session afresh. Requests the filter saw release it there, an
 * asynchronous one only when it completes. Declared by the library's web fragment.
 */
public class UnfilteredRequestRelease implements ServletRequestListener {

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        SessionExchange session = SessionExchange.begun(event.getServletRequest());
        if (session != null && event.getServletRequest().getAttribute(SessionFilter.APPLIED) == null) {
            session.release();
        }
    }
}
