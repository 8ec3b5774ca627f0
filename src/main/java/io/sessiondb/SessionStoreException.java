package io.sessiondb;

/**
 * The session database could not be reached or failed (or, as {@link SessionLockTimeoutException}, the
 * session stayed locked, or other requests changed the session under every attempt of a write); the
 * operation wrote nothing.
 */
public class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message) {
        super(message);
    }

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
