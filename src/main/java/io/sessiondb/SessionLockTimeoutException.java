package io.sessiondb;

/**
 * A request waited longer than {@code sessiondb.session-lock.timeout} for its session's lock, which
 * other requests of the session held meanwhile. The request did not get its session and wrote nothing.
 */
public class SessionLockTimeoutException extends SessionStoreException {

    public SessionLockTimeoutException(String message) {
        super(message, null);
    }
}
