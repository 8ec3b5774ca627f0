package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * The session lock.
 *
 * @param enabled whether a request holds its session's lock while it runs, so that concurrent requests of
 *     one session take turns instead of overwriting each other's changes to the same attribute
 * @param timeoutSeconds how long a request waits for its session's lock before it fails
 */
public record LockSettings(boolean enabled, int timeoutSeconds) {

    static final String ENABLED = "sessiondb.session-lock";
    static final String TIMEOUT = "sessiondb.session-lock.timeout";

    public static LockSettings read(Config config) {
        return new LockSettings(config.getValue(ENABLED, Boolean.class), config.getValue(TIMEOUT, Integer.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (timeoutSeconds < 1) {
            problems.add(TIMEOUT + " must be at least 1 second, was " + timeoutSeconds);
        }
        return problems;
    }
}
