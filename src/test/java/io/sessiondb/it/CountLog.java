package io.sessiondb.it;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.io.Serializable;

/**
 * A {@code @Dependent} bean injected into {@link CountingSessionBean}: stored in the session bean's
 * creational context, and destroyed with it.
 */
@Dependent
public class CountLog implements Serializable {

    private static final long serialVersionUID = 1L;

    private int entries;

    void logged() {
        entries++;
    }

    @PreDestroy
    void destroyed() {
        DestroyedBeans.record("log " + entries);
    }
}
