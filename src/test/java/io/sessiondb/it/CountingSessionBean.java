package io.sessiondb.it;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/** An application's {@code @SessionScoped} bean, changed in place, that records its destruction. */
@SessionScoped
public class CountingSessionBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private int count;

    public int increment() {
        return ++count;
    }

    public int count() {
        return count;
    }

    @PreDestroy
    void destroyed() {
        DestroyedBeans.record("counter " + count);
    }
}
