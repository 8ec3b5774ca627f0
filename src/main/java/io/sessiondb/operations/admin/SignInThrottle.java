package io.sessiondb.operations.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * Failed sign-ins to the admin API, counted per client address and over all clients in fixed windows of
 * {@value #WINDOW_MS} ms: a client with {@value #MAX_FAILURES_PER_CLIENT} failures in its window, or every
 * client once all of them have {@value #MAX_FAILURES} failures in theirs, waits for the window's end before
 * its credentials are checked again. Checking costs a PBKDF2 derivation, so the limit also bounds the CPU
 * that wrong passwords can take. Remembers at most {@value #MAX_CLIENTS} clients.
 */
final class SignInThrottle {

    static final long WINDOW_MS = 60_000;
    static final int MAX_FAILURES_PER_CLIENT = 5;
    static final int MAX_FAILURES = 30;
    static final int MAX_CLIENTS = 10_000;

    /** The failures of one client, or of all, in the window that started at {@code startMs}. */
    private static final class Window {
        long startMs;
        int failures;

        Window(long startMs) {
            this.startMs = startMs;
        }

        /** Starts a new window when this one has ended. */
        Window current(long nowMs) {
            if (nowMs - startMs >= WINDOW_MS) {
                startMs = nowMs;
                failures = 0;
            }
            return this;
        }

        long msLeft(long nowMs) {
            return startMs + WINDOW_MS - nowMs;
        }
    }

    private final Map<String, Window> clients = new HashMap<>();
    private final Window all = new Window(Long.MIN_VALUE / 2);

    /** How many seconds the client must wait before trying again; 0 when it may try now. */
    synchronized long retryAfterSeconds(String client, long nowMs) {
        long waitMs = 0;
        if (all.current(nowMs).failures >= MAX_FAILURES) {
            waitMs = all.msLeft(nowMs);
        }
        Window own = clients.get(client);
        if (own != null && own.current(nowMs).failures >= MAX_FAILURES_PER_CLIENT) {
            waitMs = Math.max(waitMs, own.msLeft(nowMs));
        }
        return waitMs <= 0 ? 0 : (waitMs + 999) / 1000;
    }

    /** Counts a failed sign-in of the client. */
    synchronized void failed(String client, long nowMs) {
        all.current(nowMs).failures++;
        if (!clients.containsKey(client) && clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(window -> window.msLeft(nowMs) <= 0);
            if (clients.size() >= MAX_CLIENTS) {
                clients.clear(); // the limit over all clients still holds
            }
        }
        clients.computeIfAbsent(client, key -> new Window(nowMs)).current(nowMs).failures++;
    }

    /** How many clients' failures are remembered. */
    synchronized int clientsRemembered() {
        return clients.size();
    }

    /** Forgets the client's failures: it has just signed in. */
    synchronized void succeeded(String client) {
        clients.remove(client);
    }
}
