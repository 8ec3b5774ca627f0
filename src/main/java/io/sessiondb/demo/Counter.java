package io.sessiondb.demo;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * A counter kept by CDI in the session: a {@code @SessionScoped} bean, changed in place, that SessionDB
 * stores like any session attribute.
 */
@SessionScoped
public class Counter implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int increment() {
        return ++count;
    }

    public int count() {
        return count;
    }
}
