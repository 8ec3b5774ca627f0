package io.sessiondb.config;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Typed access to SessionDB's settings, read through MicroProfile Config (defaults in {@code
 * META-INF/microprofile-config.properties}, overridden by system properties and environment variables)
 * and validated once at start-up, so a bad value stops deployment with a message naming the key.
 *
 * <p>The profile ({@code mp.config.profile}) is {@code dev} unless set: an embedded database, a
 * development secret and verbose logging. {@code prod} has no such defaults and refuses to start until
 * an explicit database and a secret are configured.
 */
@ApplicationScoped
public class SessionDbConfig {

    static final String TIMEOUT = "sessiondb.timeout";
    static final String TOUCH_INTERVAL = "sessiondb.touch.interval";
    static final String CLEANUP_INTERVAL = "sessiondb.cleanup.interval";
    static final String CLEANUP_BATCH_SIZE = "sessiondb.cleanup.batch-size";
    static final String COOKIE_NAME = "sessiondb.cookie.name";
    static final String DB_URL = "sessiondb.db.url";
    static final String DATASOURCE = "sessiondb.datasource";
    static final String SECRETS = "sessiondb.secrets";
    static final String VISITS_EXCLUDE = "sessiondb.visits.exclude";
    static final String LOG_LEVEL = "sessiondb.log.level";
    static final String PROD = "prod";
    static final int MIN_SECRET_LENGTH = 32;

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

    List<String> visitsExcludedPaths;

    @Inject
    @ConfigProperty(name = "sessiondb.schema.migrate", defaultValue = "true")
    boolean schemaMigrate;

    @Inject
    @ConfigProperty(name = "mp.config.profile", defaultValue = "dev")
    String profile;

    @Inject
    @ConfigProperty(name = DB_URL)
    Optional<String> dbUrl;

    @Inject
    @ConfigProperty(name = DATASOURCE)
    Optional<String> datasource;

    Optional<List<String>> secrets;

    @Inject
    Config mpConfig;

    @Inject
    @ConfigProperty(name = LOG_LEVEL, defaultValue = "INFO")
    String logLevel;

    /** Held so the level set on it stays: the JDK keeps loggers only weakly. */
    private Logger sessionDbLogger;

    /** Validates the settings before anything else starts, so a bad one stops deployment. */
    void validateOnStart(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object start) {
        sessionDbLogger = Logger.getLogger("io.sessiondb");
        sessionDbLogger.setLevel(Level.parse(logLevel));
        Logger.getLogger(SessionDbConfig.class.getName())
                .info(() -> "SessionDB profile '" + profile + "', database "
                        + datasource
                                .map(name -> "from the server datasource " + name)
                                .orElse(dbUrl.orElse("?")));
    }

    @PostConstruct
    void readLists() {
        // lists through the Config API: Payara cannot inject Optional<List<String>> fields
        visitsExcludedPaths = mpConfig.getOptionalValues(VISITS_EXCLUDE, String.class)
                .orElse(List.of("/health", "/metrics", "/openapi"));
        secrets = mpConfig.getOptionalValues(SECRETS, String.class);
        validate();
    }

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
        try {
            Level.parse(logLevel);
        } catch (IllegalArgumentException e) {
            problems.add(
                    LOG_LEVEL + " must be a java.util.logging level (FINE, INFO, WARNING...), was '" + logLevel + "'");
        }
        secrets.orElse(List.of()).stream()
                .filter(secret -> secret.length() < MIN_SECRET_LENGTH)
                .findAny()
                .ifPresent(weak -> problems.add(
                        SECRETS + " must hold secrets of at least " + MIN_SECRET_LENGTH + " characters each"));
        if (PROD.equals(profile)) {
            if (dbUrl.isEmpty() && datasource.isEmpty()) {
                problems.add("the prod profile needs an explicit database: set " + DB_URL
                        + " (env SESSIONDB_DB_URL) or " + DATASOURCE + " (env SESSIONDB_DATASOURCE)");
            }
            if (secrets.isEmpty()) {
                problems.add("the prod profile needs a secret: set " + SECRETS + " (env SESSIONDB_SECRETS)");
            }
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

    /** True when visit stamps skip this path (health checks and the like must not create sessions). */
    public boolean visitsExcluded(String path) {
        return visitsExcludedPaths.stream()
                .anyMatch(
                        prefix -> path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }

    /** Whether SessionDB brings the schema up to date itself at start-up. */
    public boolean schemaMigrate() {
        return schemaMigrate;
    }

    /** The JNDI name of a server-managed datasource to use instead of the application's own. */
    public Optional<String> datasource() {
        return datasource;
    }
}
