package io.sessiondb.history;

import io.sessiondb.testing.ApiResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One browser: a cookie jar that its clients (tabs) share, the user it signs in as, and what it last saw.
 * Normal operations hold {@link #pause()}'s read lock; a short expiry holds its write lock, so the group is
 * idle while its session times out.
 */
final class SessionGroup {

    final int number;
    final String user;
    private final ReadWriteLock pause = new ReentrantReadWriteLock(true);
    private String cookieValue;
    /** The user the latest answer reported; sign-in is chosen only when nobody is. */
    private volatile String knownUser;

    final AtomicBoolean signingIn = new AtomicBoolean();
    final AtomicLong lastExpiryNs = new AtomicLong();

    SessionGroup(int number, long seed) {
        this.number = number;
        this.user = "history-user-" + seed + "-g" + number;
    }

    ReadWriteLock pause() {
        return pause;
    }

    /** The whole cookie value to send ({@code <id>.<signature>}), or null. */
    synchronized String cookieValue() {
        return cookieValue;
    }

    /** Applies an answer's session cookie as a browser does: the latest answer to arrive wins. */
    synchronized void apply(String setValue, boolean cleared) {
        if (cleared) {
            cookieValue = null;
        } else if (setValue != null) {
            cookieValue = setValue;
        }
    }

    String knownUser() {
        return knownUser;
    }

    void saw(String user) {
        knownUser = user;
    }

    static String idOf(String cookieValue) {
        if (cookieValue == null) {
            return null;
        }
        int dot = cookieValue.indexOf('.');
        return dot < 0 ? cookieValue : cookieValue.substring(0, dot);
    }

    static String cookieHeader(String cookieValue) {
        return ApiResponse.SESSION_COOKIE + "=" + cookieValue;
    }
}
