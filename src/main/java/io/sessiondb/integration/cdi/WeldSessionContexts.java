package io.sessiondb.integration.cdi;

import io.sessiondb.store.Fingerprints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.weld.context.http.Http;
import org.jboss.weld.context.http.HttpConversationContext;
import org.jboss.weld.context.http.HttpRequestContext;
import org.jboss.weld.context.http.HttpSessionContext;
import org.jboss.weld.module.web.context.http.LazyHttpConversationContextImpl;
import org.jboss.weld.module.web.servlet.SessionHolder;
import org.jboss.weld.module.web.servlet.WeldInitialListener;

/**
 * With {@link WeldBinding}, the only code that knows Weld (the CDI of Payara, GlassFish and WildFly): it makes Weld keep
 * {@code @SessionScoped} and {@code @ConversationScoped} beans in SessionDB's session, not the container's.
 *
 * <p>Weld's listener binds its HTTP session and conversation contexts to the container's request before
 * any filter runs, and those contexts reach the session only through {@link SessionHolder}, a thread-local
 * the listener fills from {@code getSession(false)} and updates when the container reports a session
 * created or destroyed; they call {@code getSession(true)} on their request only to create one. So, for
 * the filter chain, {@link #bind} moves both contexts onto SessionDB's request and puts into {@code
 * SessionHolder} a view of SessionDB's session that loads it on first use, and afterwards moves them back,
 * so that Weld's own end-of-request work finds them as it left them. Sessions created and destroyed reach
 * Weld through its own listener, as the container's would.
 */
@ApplicationScoped
public class WeldSessionContexts {

    private static final Logger LOG = Logger.getLogger(WeldSessionContexts.class.getName());

    /** The names of Weld's session attributes: beans, conversations, their id generator, locks. */
    private static final List<String> WELD_ATTRIBUTE_PREFIXES = List.of("WELD_", "org.jboss.weld.");

    @Inject
    @Http
    HttpSessionContext sessionContext;

    @Inject
    @Http
    HttpConversationContext conversationContext;

    @Inject
    @Http
    HttpRequestContext requestContext;

    @Inject
    BeanManager beanManager;

    /**
     * The application's servlet context, which holds Weld's listener: the injectable one is a proxy that
     * works only in requests, and the sweeper runs outside them.
     */
    private volatile ServletContext servletContext;

    final ThreadLocal<WeldBinding> bound = new ThreadLocal<>();

    /**
     * Called as the application starts, after Weld's listener (which the container runs first) and before
     * the sweeper's first run.
     */
    public void start(ServletContext context) {
        servletContext = context;
    }

    /** How the binding reaches the request's session: {@code HttpServletRequest.getSession(create)}. */
    @FunctionalInterface
    public interface SessionLookup {
        HttpSession session(boolean create);
    }

    /**
     * Moves Weld's session and conversation contexts from the container's request onto SessionDB's, for
     * the filter chain; closing the binding moves them back. Loads nothing: the session is loaded when a
     * bean is first looked up in it.
     *
     * @param sessionMayExist whether the request may have a stored session (a valid cookie): Weld takes a
     *     session it is given for one that exists, and writes conversation state only into existing ones
     */
    public WeldBinding bind(
            HttpServletRequest containerRequest,
            HttpServletRequest sessionRequest,
            SessionLookup session,
            boolean sessionMayExist) {
        if (!sessionContext.isActive() || bound.get() != null) {
            // Weld's listener left this request alone (a context activation filter), or it is bound already
            return new WeldBinding(this, null, null);
        }
        WeldBinding binding = new WeldBinding(this, containerRequest, sessionRequest);
        binding.bind(session, sessionMayExist);
        bound.set(binding);
        return binding;
    }

    /** A session was created while bound: Weld is told as by the container (it fires {@code @Initialized}). */
    public void sessionCreated(HttpSession session) {
        WeldBinding binding = bound.get();
        WeldInitialListener listener = listener();
        if (binding == null || listener == null) {
            return;
        }
        guard("announce a new session", () -> listener.sessionCreated(new HttpSessionEvent(session)));
    }

    /**
     * A session is being invalidated: Weld destroys its session beans when the request ends, as it would
     * for the container's, and its conversations then or at once ({@link WeldBinding#destroyingSession}). A
     * session that ends unbound (created and never stored) holds no Weld state: a bean in it would have
     * made it stored.
     */
    public void sessionDestroyed(HttpSession session) {
        WeldBinding binding = bound.get();
        WeldInitialListener listener = listener();
        if (binding == null || listener == null) {
            return;
        }
        guard(
                "destroy the beans of an invalidated session",
                () -> binding.destroyingSession(() -> listener.sessionDestroyed(new HttpSessionEvent(session))));
    }

    /**
     * The sweeper deleted an expired session: Weld reads its beans and conversations back from the view and
     * destroys them now (their {@code @PreDestroy} runs). Only off request threads, as the sweeper's
     * schedule runs: on a request thread Weld would take the view for that request's own session.
     */
    public void sessionExpired(HttpSession expired) {
        WeldInitialListener listener = listener();
        if (listener == null) {
            return;
        }
        if (sessionContext.isActive()) {
            if (holdsWeldState(expired)) {
                LOG.warning(() -> "Ended session " + Fingerprints.ofStorageKey(expired.getId())
                        + " was swept on a request thread:"
                        + " its CDI session and conversation beans are dropped without being destroyed");
            }
            return;
        }
        guard(
                "destroy the beans of ended session " + Fingerprints.ofStorageKey(expired.getId()),
                () -> listener.sessionDestroyed(new HttpSessionEvent(expired)));
    }

    /** As for the application's listeners: Weld failing on one session must not fail a request or a sweep. */
    static void guard(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CDI could not " + what, e);
        }
    }

    /** The conversation context Weld's web module always registers: it reads the {@code cid} when first used. */
    LazyHttpConversationContextImpl lazyConversationContext() {
        return (LazyHttpConversationContextImpl) conversationContext;
    }

    private WeldInitialListener listener() {
        ServletContext context = servletContext;
        return context != null
                        && context.getAttribute(WeldInitialListener.class.getName()) instanceof WeldInitialListener l
                ? l
                : null;
    }

    private static boolean holdsWeldState(HttpSession session) {
        return Collections.list(session.getAttributeNames()).stream().anyMatch(WeldSessionContexts::isWeldState);
    }

    private static boolean isWeldState(String attribute) {
        return WELD_ATTRIBUTE_PREFIXES.stream().anyMatch(attribute::startsWith);
    }

    /**
     * SessionDB's request as Weld's contexts see it. Weld's session context, when bound to a request, asks
     * it for its session to check its bean index against it, even where it keeps no index (as on Payara
     * Micro), which would load the session on every request that has a cookie; so it is told there is none
     * and the check is skipped. The contexts ask for the session only through {@code SessionHolder}.
     */
    static final class WeldRequest extends HttpServletRequestWrapper {

        WeldRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return create ? super.getSession(true) : null;
        }
    }
}
