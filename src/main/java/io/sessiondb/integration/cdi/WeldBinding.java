package io.sessiondb.integration.cdi;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jboss.weld.module.web.servlet.SessionHolder;

/** One request's binding of Weld's contexts to SessionDB's request. */
public final class WeldBinding implements AutoCloseable {

    private final WeldSessionContexts contexts;

    private final HttpServletRequest containerRequest;
    /** SessionDB's request, as {@code @Inject HttpServletRequest} hands it out. */
    private final HttpServletRequest applicationRequest;
    /** SessionDB's request, as the session and conversation contexts see it. */
    private final HttpServletRequest sessionRequest;

    private HttpSession heldBefore;
    private boolean conversationMoved;

    WeldBinding(
            WeldSessionContexts contexts, HttpServletRequest containerRequest, HttpServletRequest applicationRequest) {
        this.contexts = contexts;
        this.containerRequest = containerRequest;
        this.applicationRequest = applicationRequest;
        this.sessionRequest =
                applicationRequest == null ? null : new WeldSessionContexts.WeldRequest(applicationRequest);
    }

    /**
     * As Weld's listener binds a request: session holder, associate, then activate. The request context
     * stays active, only its request changes: its beans live in request attributes, which both requests
     * share, and the request it holds is what {@code @Inject HttpServletRequest} answers with, so that
     * {@code getSession()} on it is SessionDB's too.
     */
    void bind(WeldSessionContexts.SessionLookup session, boolean sessionMayExist) {
        moveRequestContext(containerRequest, applicationRequest);
        conversationMoved = contexts.conversationContext.isActive();
        contexts.sessionContext.deactivate();
        contexts.sessionContext.dissociate(containerRequest);
        if (conversationMoved) {
            contexts.conversationContext.deactivate();
            contexts.conversationContext.dissociate(containerRequest);
        }
        heldBefore = SessionHolder.getSessionIfExists();
        SessionHolder.clear();
        if (sessionMayExist) {
            SessionHolder.sessionCreated(new LazySession(session::session, this::noSession));
        }
        contexts.sessionContext.associate(sessionRequest);
        contexts.sessionContext.activate();
        if (conversationMoved) {
            contexts.conversationContext.associate(sessionRequest);
            activateConversation();
        }
    }

    /**
     * Runs Weld's destruction of the request's session. Weld destroys the session's conversations when
     * the request ends if the conversation context is in use; otherwise it would start using it just for
     * that (reading the {@code cid}, and then writing an empty conversation map into the request's next
     * session), so the context is set aside meanwhile and Weld destroys the conversations at once.
     */
    void destroyingSession(Runnable destruction) {
        boolean setAside =
                conversationMoved && !contexts.lazyConversationContext().isInitialized();
        if (setAside) {
            contexts.conversationContext.deactivate();
            contexts.conversationContext.dissociate(sessionRequest);
        }
        try {
            destruction.run();
        } finally {
            if (setAside) {
                contexts.conversationContext.associate(sessionRequest);
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
            WeldSessionContexts.guard("end the conversation context", this::endConversation);
        }
        WeldSessionContexts.guard("deactivate the session context", contexts.sessionContext::deactivate);
        WeldSessionContexts.guard(
                "dissociate the session context", () -> contexts.sessionContext.dissociate(sessionRequest));
        contexts.bound.remove();
        SessionHolder.clear();
        if (heldBefore != null) {
            SessionHolder.sessionCreated(heldBefore);
        }
        // Weld's listener deactivates and dissociates them once more when the request is destroyed, and
        // destroys there the conversations of a session invalidated in this request
        WeldSessionContexts.guard("rebind the session context", () -> {
            contexts.sessionContext.associate(containerRequest);
            contexts.sessionContext.activate();
        });
        WeldSessionContexts.guard(
                "rebind the request context", () -> moveRequestContext(applicationRequest, containerRequest));
        if (conversationMoved) {
            WeldSessionContexts.guard("rebind the conversation context", () -> {
                contexts.conversationContext.associate(containerRequest);
                activateConversation();
            });
        }
    }

    private void moveRequestContext(HttpServletRequest from, HttpServletRequest to) {
        if (contexts.requestContext.isActive()) {
            contexts.requestContext.dissociate(from);
            contexts.requestContext.associate(to);
        }
    }

    /** Weld's own deactivation: purges expired conversations, and moves a new long-running one in. */
    private void endConversation() {
        if (contexts.conversationContext.isActive()) {
            if (!contexts.lazyConversationContext().isInitialized()) {
                contexts.conversationContext.deactivate();
            } else {
                boolean isTransient =
                        contexts.conversationContext.getCurrentConversation().isTransient();
                if (isTransient) {
                    fireConversationEvent(BeforeDestroyed.Literal.CONVERSATION, sessionRequest);
                }
                contexts.conversationContext.invalidate();
                contexts.conversationContext.deactivate();
                if (isTransient) {
                    fireConversationEvent(Destroyed.Literal.CONVERSATION, sessionRequest);
                }
            }
        }
        contexts.conversationContext.dissociate(sessionRequest);
    }

    /**
     * Lazily, as Weld's listener does: the conversation id is read from the request, and a new transient
     * conversation announced, only when a conversation is first used.
     */
    private void activateConversation() {
        contexts.lazyConversationContext()
                .activateLazily(started -> fireConversationEvent(Initialized.Literal.CONVERSATION, started));
    }

    private void fireConversationEvent(AnnotationLiteral<?> qualifier, HttpServletRequest request) {
        contexts.beanManager
                .getEvent()
                .select(HttpServletRequest.class, qualifier)
                .fire(request);
    }
}
