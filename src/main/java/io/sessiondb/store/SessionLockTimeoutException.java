package io.sessiondb.store;

/**
 * A request waited longer than {@code sessiondb.session-lock.timeout} for its session's lock, which
 * other requests of the session held meanwhile. The request did not get its session and wrote nothing;
 * the client gets a 503 saying the session is busy.
 */
public class SessionLockTimeoutException extends SessionStoreException {

    /** The body of the 503 a client gets when its session stayed locked. */
    public static final String BUSY_JSON = "{\"error\":\"session busy\","
            + "\"message\":\"Other requests of this session kept it locked. Please retry shortly.\"}";

    public SessionLockTimeoutException(String message) {
        super(message, null);
    }

    @Override
    public String responseJson() {
        return BUSY_JSON;
    }
}
