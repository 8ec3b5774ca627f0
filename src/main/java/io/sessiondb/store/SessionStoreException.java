package io.sessiondb.store;

/** The session database could not be reached or failed; the operation wrote nothing. */
public class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
