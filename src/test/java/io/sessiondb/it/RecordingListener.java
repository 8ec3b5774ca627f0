package io.sessiondb.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application's CDI listener bean: records every session event it receives, in order. */
@ApplicationScoped
public class RecordingListener implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    static void record(String event) {
        EVENTS.add(event);
    }

    public static List<String> events() {
        return List.copyOf(EVENTS);
    }

    public static void clear() {
        EVENTS.clear();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        record("created " + event.getSession().getId());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        record("destroyed " + event.getSession().getId() + " "
                + event.getSession().getAttribute("label"));
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        record("added " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        record("removed " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        record("replaced " + event.getName() + "=" + event.getValue());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        record("id-changed " + oldSessionId + " -> " + event.getSession().getId());
    }
}
