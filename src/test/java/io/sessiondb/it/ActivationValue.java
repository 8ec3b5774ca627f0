package io.sessiondb.it;

import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.Serializable;

/** A session value that records when its session is about to be written and when it is live again. */
public class ActivationValue implements HttpSessionActivationListener, Serializable {

    private static final long serialVersionUID = 1L;

    private final String label;

    public ActivationValue(String label) {
        this.label = label;
    }

    @Override
    public void sessionWillPassivate(HttpSessionEvent event) {
        RecordingListener.record("will-passivate " + label);
    }

    @Override
    public void sessionDidActivate(HttpSessionEvent event) {
        RecordingListener.record("did-activate " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
