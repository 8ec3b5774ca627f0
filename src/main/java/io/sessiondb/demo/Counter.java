package io.sessiondb.demo;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * A counter kept by CDI in the session: a {@code @SessionScoped} bean, changed in place, that SessionDB
 * stores like any session attribute. Concurrent requests of the session share it: thread-safe.
 */
@SessionScoped
public class Counter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public synchronized int increment() {
        return ++count;
    }

    public synchronized int count() {
        return count;
    }
}
