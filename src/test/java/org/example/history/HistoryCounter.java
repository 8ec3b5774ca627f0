package org.example.history;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** A CDI session-scoped counter, changed in place; shared by the session's concurrent requests. */
@SessionScoped
public class HistoryCounter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public synchronized int increment() {
        return ++count;
    }

    public synchronized int count() {
        return count;
    }
}
