package io.sessiondb.store;

/**
 * The session database could not be reached or failed (or, as {@link SessionLockTimeoutException}, the
 * session stayed locked); the operation wrote nothing.
 */
public class SessionStoreException extends RuntimeException {

    /** The body of the 503 a client gets when the session database fails. */
    public static final String UNAVAILABLE_JSON = "{\"error\":\"session store unavailable\","
            + "\"message\":\"The session database cannot be reached. Please retry shortly.\"}";

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The body of the 503 the client gets for this failure. */
    public String responseJson() {
        return UNAVAILABLE_JSON;
    }
}
