package io.sessiondb.it;

import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.Serializable;

/** A session value that records when it is bound and unbound. */
public class BindingValue implements HttpSessionBindingListener, Serializable {

    private static final long serialVersionUID = 1L;

    private final String label;

    public BindingValue(String label) {
        this.label = label;
    }

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
        RecordingListener.record("bound " + event.getName() + " " + label);
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
        RecordingListener.record("unbound " + event.getName() + " " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
