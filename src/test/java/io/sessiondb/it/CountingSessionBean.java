package io.sessiondb.it;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.io.Serializable;

/**
 * An application's {@code @SessionScoped} bean, changed in place, with a {@code @Dependent} bean of its own,
 * that records its destruction.
 */
@SessionScoped
public class CountingSessionBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CountLog log;

    private int count;

    public int increment() {
        log.logged();
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
