package io.sessiondb.store;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's default scheduler, which runs SessionDB's timers (the sweeper, the visit flush), and its
 * thread factory, which makes the thread that listens for session changes.
 *
 * <p>Looked up rather than injected with {@code @Resource}: servers bind resource references only for the
 * application's own classes, not for a library's in WEB-INF/lib.
 */
public final class ServerConcurrency {

    private ServerConcurrency() {}

    static ManagedScheduledExecutorService scheduler() {
        return lookup("java:comp/DefaultManagedScheduledExecutorService");
    }

    public static ManagedThreadFactory threadFactory() {
        return lookup("java:comp/DefaultManagedThreadFactory");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("The server has no " + name, e);
        }
    }
}
