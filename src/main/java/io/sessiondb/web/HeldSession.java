package io.sessiondb.web;

/**
 * One session a node holds ({@link SessionCache}): the object its requests share, how many requests use it,
 * and whether it is still known to be current. Guarded by itself, but for what the change feed sets.
 */
final class HeldSession {

    /** The storage key it is held under; changes with the session's id. */
    String key;

    StoredSession session;
    volatile int users;
    volatile long lastUsedNanos;
    /** Changed elsewhere since it was loaded, or changes to it may have gone unheard. */
    volatile boolean stale;
    /** Its size as counted in the cache's total, from when its last request left. */
    long bytes;
    /** Loaded while changes were announced and heard: every later change will be heard too. */
    boolean heard;
    /** No longer held: a request that found it looks again. */
    boolean removed;

    HeldSession(String key) {
        this.key = key;
    }

    StoredSession session() {
        return session;
    }
}
