package io.sessiondb.store;

/**
 * The session database could not be reached or failed (or, as {@link SessionLockTimeoutException}, the
 * session stayed locked); the operation wrote nothing.
 */
public class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
