package org.example.shop;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/** Records the sessions created and destroyed in the {@link SessionEventLog}, under the listener's name. */
abstract class RecordingSessionListener implements HttpSessionListener {

    private final String name;

    RecordingSessionListener(String name) {
        this.name = name;
    }

    void record(String event, String sessionId) {
        SessionEventLog.record(name, event, sessionId);
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        record("created", event.getSession().getId());
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        record("destroyed", event.getSession().getId());
    }
}
