package io.sessiondb.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.AnnotationLiteral;
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
 * The one class that knows Weld (the CDI of Payara, GlassFish and WildFly): it makes Weld keep
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

    private final ThreadLocal<Binding> bound = new ThreadLocal<>();

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
    public Binding bind(
            HttpServletRequest containerRequest,
            HttpServletRequest sessionRequest,
            SessionLookup session,
            boolean sessionMayExist) {
        if (!sessionContext.isActive() || bound.get() != null) {
            // Weld's listener left this request alone (a context activation filter), or it is bound already
            return new Binding(null, null);
        }
        Binding binding = new Binding(containerRequest, sessionRequest);
        binding.bind(session, sessionMayExist);
        bound.set(binding);
        return binding;
    }

    /** A session was created while bound: Weld is told as by the container (it fires {@code @Initialized}). */
    void sessionCreated(HttpSession session) {
        Binding binding = bound.get();
        WeldInitialListener listener = listener();
        if (binding == null || listener == null) {
            return;
        }
        guard("announce a new session", () -> listener.sessionCreated(new HttpSessionEvent(session)));
    }

    /**
     * A session is being invalidated: Weld destroys its session beans when the request ends, as it would
     * for the container's, and its conversations then or at once ({@link Binding#destroyingSession}). A
     * session that ends unbound (created and never stored) holds no Weld state: a bean in it would have
     * made it stored.
     */
    void sessionDestroyed(HttpSession session) {
        Binding binding = bound.get();
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
    void sessionExpired(HttpSession expired) {
        WeldInitialListener listener = listener();
        if (listener == null) {
            return;
        }
        if (sessionContext.isActive()) {
            if (holdsWeldState(expired)) {
                LOG.warning(() -> "Expired session " + expired.getId() + " was swept on a request thread:"
                        + " its CDI session and conversation beans are dropped without being destroyed");
            }
            return;
        }
        guard(
                "destroy the beans of expired session " + expired.getId(),
                () -> listener.sessionDestroyed(new HttpSessionEvent(expired)));
    }

    /** As for the application's listeners: Weld failing on one session must not fail a request or a sweep. */
    private static void guard(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CDI could not " + what, e);
        }
    }

    /** The conversation context Weld's web module always registers: it reads the {@code cid} when first used. */
    private LazyHttpConversationContextImpl lazyConversationContext() {
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

    /** One request's binding of Weld's contexts to SessionDB's request. */
    public final class Binding implements AutoCloseable {

        private final HttpServletRequest containerRequest;
        /** SessionDB's request, as {@code @Inject HttpServletRequest} hands it out. */
        private final HttpServletRequest applicationRequest;
        /** SessionDB's request, as the session and conversation contexts see it. */
        private final HttpServletRequest sessionRequest;

        private HttpSession heldBefore;
        private boolean conversationMoved;

        private Binding(HttpServletRequest containerRequest, HttpServletRequest applicationRequest) {
            this.containerRequest = containerRequest;
            this.applicationRequest = applicationRequest;
            this.sessionRequest = applicationRequest == null ? null : new WeldRequest(applicationRequest);
        }

        /**
         * As Weld's listener binds a request: session holder, associate, then activate. The request context
         * stays active, only its request changes: its beans live in request attributes, which both requests
         * share, and the request it holds is what {@code @Inject HttpServletRequest} answers with, so that
         * {@code getSession()} on it is SessionDB's too.
         */
        private void bind(SessionLookup session, boolean sessionMayExist) {
            moveRequestContext(containerRequest, applicationRequest);
            conversationMoved = conversationContext.isActive();
            sessionContext.deactivate();
            sessionContext.dissociate(containerRequest);
            if (conversationMoved) {
                conversationContext.deactivate();
                conversationContext.dissociate(containerRequest);
            }
            heldBefore = SessionHolder.getSessionIfExists();
            SessionHolder.clear();
            if (sessionMayExist) {
                SessionHolder.sessionCreated(new LazySession(session::session, this::noSession));
            }
            sessionContext.associate(sessionRequest);
            sessionContext.activate();
            if (conversationMoved) {
                conversationContext.associate(sessionRequest);
                activateConversation();
            }
        }

        /**
         * Runs Weld's destruction of the request's session. Weld destroys the session's conversations when
         * the request ends if the conversation context is in use; otherwise it would start using it just for
         * that (reading the {@code cid}, and then writing an empty conversation map into the request's next
         * session), so the context is set aside meanwhile and Weld destroys the conversations at once.
         */
        private void destroyingSession(Runnable destruction) {
            boolean setAside = conversationMoved && !lazyConversationContext().isInitialized();
            if (setAside) {
                conversationContext.deactivate();
                conversationContext.dissociate(sessionRequest);
            }
            try {
                destruction.run();
            } finally {
                if (setAside) {
                    conversationContext.associate(sessionRequest);
                    activateConversation();
                }
            }
        }

        /** The cookie named a session that is gone: from now on Weld sees none, until one is created. */
        private void noSession() {
            if (SessionHolder.getSessionIfExists() instanceof LazySession) {
                SessionHolder.clear();
            }
        }

        /**
         * As Weld's listener ends a request, minus what it does later itself: conversation, then session
         * context, each deactivated and dissociated; then the contexts go back to the container's request.
         * Runs before the session is saved, since deactivating writes state (a conversation begun in this
         * request) into it.
         */
        @Override
        public void close() {
            if (sessionRequest == null) {
                return;
            }
            // still bound meanwhile: ending a conversation begun in this request may create the session
            if (conversationMoved) {
                guard("end the conversation context", this::endConversation);
            }
            guard("deactivate the session context", sessionContext::deactivate);
            guard("dissociate the session context", () -> sessionContext.dissociate(sessionRequest));
            bound.remove();
            SessionHolder.clear();
            if (heldBefore != null) {
                SessionHolder.sessionCreated(heldBefore);
            }
            // Weld's listener deactivates and dissociates them once more when the request is destroyed, and
            // destroys there the conversations of a session invalidated in this request
            guard("rebind the session context", () -> {
                sessionContext.associate(containerRequest);
                sessionContext.activate();
            });
            guard("rebind the request context", () -> moveRequestContext(applicationRequest, containerRequest));
            if (conversationMoved) {
                guard("rebind the conversation context", () -> {
                    conversationContext.associate(containerRequest);
                    activateConversation();
                });
            }
        }

        private void moveRequestContext(HttpServletRequest from, HttpServletRequest to) {
            if (requestContext.isActive()) {
                requestContext.dissociate(from);
                requestContext.associate(to);
            }
        }

        /** Weld's own deactivation: purges expired conversations, and moves a new long-running one in. */
        private void endConversation() {
            if (conversationContext.isActive()) {
                if (!lazyConversationContext().isInitialized()) {
                    conversationContext.deactivate();
                } else {
                    boolean isTransient =
                            conversationContext.getCurrentConversation().isTransient();
                    if (isTransient) {
                        fireConversationEvent(BeforeDestroyed.Literal.CONVERSATION, sessionRequest);
                    }
                    conversationContext.invalidate();
                    conversationContext.deactivate();
                    if (isTransient) {
                        fireConversationEvent(Destroyed.Literal.CONVERSATION, sessionRequest);
                    }
                }
            }
            conversationContext.dissociate(sessionRequest);
        }

        /**
         * Lazily, as Weld's listener does: the conversation id is read from the request, and a new transient
         * conversation announced, only when a conversation is first used.
         */
        private void activateConversation() {
            lazyConversationContext()
                    .activateLazily(started -> fireConversationEvent(Initialized.Literal.CONVERSATION, started));
        }

        private void fireConversationEvent(AnnotationLiteral<?> qualifier, HttpServletRequest request) {
            beanManager.getEvent().select(HttpServletRequest.class, qualifier).fire(request);
        }
    }

    /**
     * SessionDB's request as Weld's contexts see it. Weld's session context, when bound to a request, asks
     * it for its session to check its bean index against it, even where it keeps no index (as on Payara
     * Micro), which would load the session on every request that has a cookie; so it is told there is none
     * and the check is skipped. The contexts ask for the session only through {@code SessionHolder}.
     */
    private static final class WeldRequest extends HttpServletRequestWrapper {

        WeldRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return create ? super.getSession(true) : null;
        }
    }
}
