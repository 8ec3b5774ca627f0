package io.sessiondb.store;

/**
 * CDI event: an administrator or the session's own user ended a session from another request (see {@link
 * SessionRevocation}); fired after the delete has committed, off any request thread.
 *
 * @param session the session as it was just before deletion
 */
public record SessionRevoked(SessionData session) {}
