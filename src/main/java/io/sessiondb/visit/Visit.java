package io.sessiondb.visit;

/**
 * One request's visit stamps.
 *
 * @param startDateMs the session's first visit, epoch milliseconds
 * @param lastRequestDateMs this request, epoch milliseconds
 * @param visits how many requests the session has made, this one included
 */
public record Visit(long startDateMs, long lastRequestDateMs, long visits) {}
