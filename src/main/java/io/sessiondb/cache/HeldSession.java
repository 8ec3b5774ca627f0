package io.sessiondb.cache;

import io.sessiondb.session.StoredSession;
import java.util.concurrent.CompletableFuture;

/**
 * One session a node holds ({@link SessionCache}): the object its requests share once loaded, how many
 * requests use it, and whether it is still known to be current. Guarded by itself, but for what the change
 * feed sets; never held across database work.
 */
public final class HeldSession {

    /** The storage key it is held under; changes with the session's id. */
    String key;

    /**
     * Completed by the request that loads the session, with the session or null when there is none live:
     * the session's other requests on this node wait for it instead of loading it again.
     */
    final CompletableFuture<StoredSession> loaded = new CompletableFuture<>();

    StoredSession session;
    volatile int users;
    volatile long lastUsedNanos;
    /** Changed elsewhere since it was loaded, or changes to it may have gone unheard, or a save failed. */
    volatile boolean stale;
    /** Its size as counted in the cache's total, from when its last request left. */
    long bytes;
    /** Loaded while changes were announced and heard: every later change will be heard too. */
    boolean heard;
    /** No longer held: a request that found it looks again. */
    boolean removed;

    /** An entry being loaded by one request, which uses it. */
    static HeldSession loading(String key) {
        HeldSession entry = new HeldSession(key);
        entry.users = 1;
        return entry;
    }

    /** An entry holding a session one request uses already. */
    static HeldSession holding(StoredSession session) {
        HeldSession entry = loading(session.row().storageKey());
        entry.session = session;
        entry.loaded.complete(session);
        return entry;
    }

    private HeldSession(String key) {
        this.key = key;
    }

    public StoredSession session() {
        return session;
    }
}
