package io.sessiondb.session;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.integration.cdi.WeldSessionContexts;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.ExpiredSessionSwept;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRevoked;
import io.sessiondb.store.UnreadableAttributeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.EventListener;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers session lifecycle events to the listeners the application declares ({@link
 * DeclaredSessionListeners}) and to every CDI bean implementing {@link HttpSessionListener}, {@link
 * HttpSessionAttributeListener} or {@link HttpSessionIdListener}, and bound/unbound notifications to values
 * implementing {@link HttpSessionBindingListener}; tells CDI's session context ({@link WeldSessionContexts})
 * of sessions created, invalidated and swept, as a container tells Weld's listener. A listener that throws
 * is logged and the others still run: a faulty listener must not fail the request.
 */
@ApplicationScoped
public class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class.getName());

    @Inject
    @Any
    Instance<HttpSessionListener> sessionListeners;

    @Inject
    @Any
    Instance<HttpSessionAttributeListener> attributeListeners;

    @Inject
    @Any
    Instance<HttpSessionIdListener> idListeners;

    @Inject
    DeclaredSessionListeners declaredListeners;

    @Inject
    ServletContext servletContext;

    @Inject
    SessionDbConfig config;

    @Inject
    WeldSessionContexts cdiContexts;

    /** CDI's session context first, as a container notifies Weld's listener before the application's. */
    public void created(HttpSession session) {
        cdiContexts.sessionCreated(session);
        notifyAll(
                sessionListeners,
                HttpSessionListener.class,
                listener -> listener.sessionCreated(new HttpSessionEvent(session)));
    }

    /** CDI's session context last: the application's listeners may still use session beans. */
    public void destroyed(HttpSession session) {
        notifyAll(
                sessionListeners,
                HttpSessionListener.class,
                listener -> listener.sessionDestroyed(new HttpSessionEvent(session)));
        cdiContexts.sessionDestroyed(session);
    }

    public void idChanged(HttpSession session, String oldId) {
        notifyAll(
                idListeners,
                HttpSessionIdListener.class,
                listener -> listener.sessionIdChanged(new HttpSessionEvent(session), oldId));
    }

    /** A value was set where there was none. */
    public void attributeAdded(HttpSession session, String name, Object value) {
        bound(session, name, value);
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
        notifyAll(attributeListeners, HttpSessionAttributeListener.class, listener -> listener.attributeAdded(event));
    }

    /** A value replaced another; the event carries the old value, as the servlet spec says. */
    public void attributeReplaced(HttpSession session, String name, Object oldValue, Object newValue) {
        if (oldValue != newValue) {
            bound(session, name, newValue);
            unbound(session, name, oldValue);
        }
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        notifyAll(
                attributeListeners, HttpSessionAttributeListener.class, listener -> listener.attributeReplaced(event));
    }

    public void attributeRemoved(HttpSession session, String name, Object oldValue) {
        unbound(session, name, oldValue);
        HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, oldValue);
        notifyAll(attributeListeners, HttpSessionAttributeListener.class, listener -> listener.attributeRemoved(event));
    }

    void onExpired(@Observes ExpiredSessionSwept expired) {
        endedElsewhere(expired.session());
    }

    void onRevoked(@Observes SessionRevoked revoked) {
        endedElsewhere(revoked.session());
    }

    /** A session ended outside its requests, off any request thread: its listeners and beans still hear of it. */
    private void endedElsewhere(SessionData record) {
        EndedSessionView session = new EndedSessionView(record, servletContext, config.limits());
        notifyAll(
                sessionListeners,
                HttpSessionListener.class,
                listener -> listener.sessionDestroyed(new HttpSessionEvent(session)));
        cdiContexts.sessionExpired(session);
        for (Map.Entry<String, byte[]> attribute : record.attributes().entrySet()) {
            try {
                Object value = AttributeCodec.deserialize(attribute.getKey(), attribute.getValue(), config.limits());
                attributeRemoved(session, attribute.getKey(), value);
            } catch (UnreadableAttributeException e) {
                LOG.warning(
                        () -> "Ended session " + Fingerprints.ofStorageKey(session.getId()) + ": " + e.getMessage());
            }
        }
    }

    private void bound(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener listener) {
            guard("valueBound", () -> listener.valueBound(new HttpSessionBindingEvent(session, name, value)));
        }
    }

    private void unbound(HttpSession session, String name, Object value) {
        if (value instanceof HttpSessionBindingListener listener) {
            guard("valueUnbound", () -> listener.valueUnbound(new HttpSessionBindingEvent(session, name, value)));
        }
    }

    /** The declared listeners of {@code type} first, as a container calls them, then the CDI beans. */
    private <L extends EventListener> void notifyAll(Instance<L> listeners, Class<L> type, Consumer<L> delivery) {
        for (L listener : declaredListeners.of(type)) {
            guard(listener.getClass().getName(), () -> delivery.accept(listener));
        }
        for (Instance.Handle<L> handle : listeners.handles()) {
            if (declaredListeners.declares(handle.getBean().getBeanClass())) {
                continue; // a declared listener that is a bean too hears each event once
            }
            L listener = handle.get();
            guard(listener.getClass().getName(), () -> delivery.accept(listener));
            if (handle.getBean().getScope() == Dependent.class) {
                handle.destroy();
            }
        }
    }

    private static void guard(String who, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Session listener " + who + " failed", e);
        }
    }
}
