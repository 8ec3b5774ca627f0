package io.sessiondb.store;

/**
 * That a save rewrites the session row, and with what: the row's access and expiry times are stamped by
 * the database's clock; {@code lastAccessedMs} is this node's reading, which only decides when the next
 * touch is due.
 *
 * @param lastAccessedMs this node's time of the access being written, epoch milliseconds
 * @param maxInactiveSeconds idle timeout; 0 or less never expires
 * @param principalName the name of the user the session belongs to, or null while nobody signed in
 */
public record SessionMetadata(long lastAccessedMs, int maxInactiveSeconds, String principalName) {}
