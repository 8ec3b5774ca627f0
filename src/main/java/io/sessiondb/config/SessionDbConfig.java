package io.sessiondb.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed access to SessionDB's settings, read through MicroProfile Config (defaults in {@code
 * META-INF/microprofile-config.properties}, overridden by system properties and environment variables)
 * and validated once at start-up, so a bad value stops deployment with a message naming the key.
 */
@ApplicationScoped
public class SessionDbConfig {

    static final String TIMEOUT = "sessiondb.timeout";
    static final String TOUCH_INTERVAL = "sessiondb.touch.interval";
    static final String CLEANUP_INTERVAL = "sessiondb.cleanup.interval";
    static final String CLEANUP_BATCH_SIZE = "sessiondb.cleanup.batch-size";
    static final String COOKIE_NAME = "sessiondb.cookie.name";

    @Inject
    @ConfigProperty(name = TIMEOUT, defaultValue = "1800")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = TOUCH_INTERVAL, defaultValue = "60")
    int touchIntervalSeconds;

    @Inject
    @ConfigProperty(name = CLEANUP_INTERVAL, defaultValue = "60")
    int cleanupIntervalSeconds;

    @Inject
    @ConfigProperty(name = CLEANUP_BATCH_SIZE, defaultValue = "500")
    int cleanupBatchSize;

    @Inject
    @ConfigProperty(name = COOKIE_NAME, defaultValue = "SESSIONDB")
    String cookieName;

    @Inject
    @ConfigProperty(name = "sessiondb.visits.enabled", defaultValue = "true")
    boolean visitsEnabled;

    @PostConstruct
    void validate() {
        List<String> problems = new ArrayList<>();
        if (touchIntervalSeconds < 0) {
            problems.add(TOUCH_INTERVAL + " must be 0 or more seconds, was " + touchIntervalSeconds);
        }
        if (cleanupIntervalSeconds < 1) {
            problems.add(CLEANUP_INTERVAL + " must be at least 1 second, was " + cleanupIntervalSeconds);
        }
        if (cleanupBatchSize < 1) {
            problems.add(CLEANUP_BATCH_SIZE + " must be at least 1, was " + cleanupBatchSize);
        }
        if (!CookieNames.isToken(cookieName)) {
            problems.add(COOKIE_NAME + " must be a cookie token (letters, digits, !#$%&'*+-.^_`|~), was '" + cookieName
                    + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid SessionDB configuration: " + String.join("; ", problems));
        }
    }

    /** Default idle timeout of a new session, in seconds; 0 or less means sessions never expire. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * How long a session's last-access time may lag behind before a read-only request writes it, in
     * milliseconds: the configured interval, but never more than a tenth of the session's timeout.
     */
    public long touchIntervalMs(int maxInactiveSeconds) {
        long configuredMs = touchIntervalSeconds * 1000L;
        return maxInactiveSeconds > 0 ? Math.min(configuredMs, maxInactiveSeconds * 100L) : configuredMs;
    }

    public int cleanupIntervalSeconds() {
        return cleanupIntervalSeconds;
    }

    public int cleanupBatchSize() {
        return cleanupBatchSize;
    }

    public String cookieName() {
        return cookieName;
    }

    public boolean visitsEnabled() {
        return visitsEnabled;
    }
}
