package io.sessiondb.config;

import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Visit stamping.
 *
 * @param enabled whether every request that has a session is stamped into it
 * @param createSessions whether a request without a session gets one so that it can be stamped: every
 *     anonymous request (a crawler's included) then costs a stored row; off by default
 * @param excludedPaths path prefixes never stamped (health checks and the like must not create sessions)
 * @param flushIntervalMs how long a node may hold the stamps of stored sessions before writing them: all
 *     it holds go out in one batch, so a request that only reads its session costs no write
 */
public record VisitSettings(boolean enabled, boolean createSessions, List<String> excludedPaths, int flushIntervalMs) {

    static final String ENABLED = "sessiondb.visits.enabled";
    static final String CREATE_SESSIONS = "sessiondb.visits.create-sessions";
    static final String EXCLUDE = "sessiondb.visits.exclude";
    static final String FLUSH_INTERVAL = "sessiondb.visits.flush-interval-ms";

    public static VisitSettings read(Config config) {
        return new VisitSettings(
                config.getValue(ENABLED, Boolean.class),
                config.getOptionalValue(CREATE_SESSIONS, Boolean.class).orElse(false),
                config.getOptionalValues(EXCLUDE, String.class).orElse(List.of()),
                config.getValue(FLUSH_INTERVAL, Integer.class));
    }

    public List<String> problems() {
        return flushIntervalMs < 10 || flushIntervalMs > 60_000
                ? List.of(FLUSH_INTERVAL + " must be between 10 and 60000 milliseconds, was " + flushIntervalMs)
                : List.of();
    }
}
