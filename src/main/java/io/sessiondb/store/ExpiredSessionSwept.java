package io.sessiondb.store;

/**
 * CDI event: the sweeper deleted a session that had expired.
 *
 * @param session the session as it was just before deletion
 */
public record ExpiredSessionSwept(SessionData session) {}
