package io.sessiondb.store;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** The server's default scheduler, which runs SessionDB's timers (the sweeper, the visit flush). */
final class ServerScheduler {

    private static final String DEFAULT_SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private ServerScheduler() {}

    /**
     * Looked up rather than injected with {@code @Resource}: servers bind resource references only for the
     * application's own classes, not for a library's in WEB-INF/lib.
     */
    static ManagedScheduledExecutorService get() {
        try {
            return InitialContext.doLookup(DEFAULT_SCHEDULER);
        } catch (NamingException e) {
            throw new IllegalStateException("The server has no " + DEFAULT_SCHEDULER, e);
        }
    }
}
