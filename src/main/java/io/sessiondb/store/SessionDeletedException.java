package io.sessiondb.store;

/** The session was deleted (invalidated or expired) by someone else while a request was using it. */
public class SessionDeletedException extends RuntimeException {

    public SessionDeletedException() {
        super("the session no longer exists");
    }
}
