package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * When sessions expire, and how often a request that changes nothing records that it used its session.
 *
 * @param timeoutSeconds the idle timeout of a new session; 0 or less means sessions never expire
 * @param touchIntervalSeconds how long a session's last-access time may lag behind before a read-only
 *     request writes it
 */
public record SessionTimeouts(int timeoutSeconds, int touchIntervalSeconds) {

    static final String TIMEOUT = "sessiondb.timeout";
    static final String TOUCH_INTERVAL = "sessiondb.touch.interval";

    public static SessionTimeouts read(Config config) {
        return new SessionTimeouts(
                config.getValue(TIMEOUT, Integer.class), config.getValue(TOUCH_INTERVAL, Integer.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (touchIntervalSeconds < 0) {
            problems.add(TOUCH_INTERVAL + " must be 0 or more seconds, was " + touchIntervalSeconds);
        }
        return problems;
    }

    /**
     * How long a session's last-access time may lag behind before a read-only request writes it, in
     * milliseconds: the configured interval, but never more than a tenth of the session's timeout.
     */
    public long touchIntervalMs(int maxInactiveSeconds) {
        long configuredMs = touchIntervalSeconds * 1000L;
        return maxInactiveSeconds > 0 ? Math.min(configuredMs, maxInactiveSeconds * 100L) : configuredMs;
    }
}
