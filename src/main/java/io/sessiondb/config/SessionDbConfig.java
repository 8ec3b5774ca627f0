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
    static final String VISITS_ENABLED = "sessiondb.visits.enabled";
    static final String SCHEMA_MIGRATE = "sessiondb.schema.migrate";
    static final String PROFILE = "mp.config.profile";
    static final String DB_TIMEOUT = "sessiondb.db.timeout";
    static final String ROTATE_ON_LOGIN = "sessiondb.rotate-on-login";
    static final String ROTATION_GRACE = "sessiondb.rotation.grace";
    static final String SESSION_LOCK = "sessiondb.session-lock";
    static final String SESSION_LOCK_TIMEOUT = "sessiondb.session-lock.timeout";
    /** The size limit of one attribute; public so limit messages elsewhere can name it. */
    public static final String MAX_ATTRIBUTE_BYTES = "sessiondb.max-attribute-bytes";
    /** The size limit of a whole session; public so limit messages elsewhere can name it. */
    public static final String MAX_SESSION_BYTES = "sessiondb.max-session-bytes";
    /** Extra classes values may be read as; public so refusal messages elsewhere can name it. */
    public static final String DESERIALIZATION_ALLOW = "sessiondb.deserialization.allow";

    static final String APPLICATION_PACKAGES = "sessiondb.deserialization.application-packages";
    static final String PROD = "prod";
    static final int MIN_SECRET_LENGTH = 32;

    int timeoutSeconds;
    int touchIntervalSeconds;
    int cleanupIntervalSeconds;
    int cleanupBatchSize;
    String cookieName;
    boolean visitsEnabled;
    List<String> visitsExcludedPaths;
    boolean schemaMigrate;
    String profile;
    Optional<String> dbUrl;
    Optional<String> datasource;
    Optional<List<String>> secrets;
    String logLevel;
    int dbTimeoutSeconds;
    boolean rotateOnLogin;
    int rotationGraceSeconds;
    boolean sessionLock;
    int sessionLockTimeoutSeconds;
    CookieSettings cookie;
    long maxAttributeBytes;
    long maxSessionBytes;
    List<String> applicationPackages;
    List<String> deserializationAllowed;
    /** Built by {@link #validate()} once the settings it is made of are known to be valid. */
    AttributeLimits attributeLimits;

    @Inject
    Config mpConfig;

    /** Held so the level set on it stays: the JDK keeps loggers only weakly. */
    private Logger sessionDbLogger;

    /**
     * Reads and validates every setting.
     *
     * @throws IllegalStateException listing every invalid or missing setting by key
     */
    public static SessionDbConfig load(Config source) {
        SessionDbConfig config = new SessionDbConfig();
        config.read(source);
        return config;
    }

    @PostConstruct
    void readInjectedConfig() {
        read(mpConfig);
    }

    private void read(Config source) {
        timeoutSeconds = source.getOptionalValue(TIMEOUT, Integer.class).orElse(1800);
        touchIntervalSeconds =
                source.getOptionalValue(TOUCH_INTERVAL, Integer.class).orElse(60);
        cleanupIntervalSeconds =
                source.getOptionalValue(CLEANUP_INTERVAL, Integer.class).orElse(60);
        cleanupBatchSize =
                source.getOptionalValue(CLEANUP_BATCH_SIZE, Integer.class).orElse(500);
        cookieName = source.getOptionalValue(COOKIE_NAME, String.class).orElse("SESSIONDB");
        visitsEnabled = source.getOptionalValue(VISITS_ENABLED, Boolean.class).orElse(true);
        visitsExcludedPaths = source.getOptionalValues(VISITS_EXCLUDE, String.class)
                .orElse(List.of("/health", "/metrics", "/openapi"));
        schemaMigrate = source.getOptionalValue(SCHEMA_MIGRATE, Boolean.class).orElse(true);
        profile = source.getOptionalValue(PROFILE, String.class).orElse("dev");
        dbUrl = source.getOptionalValue(DB_URL, String.class);
        datasource = source.getOptionalValue(DATASOURCE, String.class);
        secrets = source.getOptionalValues(SECRETS, String.class);
        logLevel = source.getOptionalValue(LOG_LEVEL, String.class).orElse("INFO");
        dbTimeoutSeconds = source.getOptionalValue(DB_TIMEOUT, Integer.class).orElse(10);
        rotateOnLogin = source.getOptionalValue(ROTATE_ON_LOGIN, Boolean.class).orElse(true);
        rotationGraceSeconds =
                source.getOptionalValue(ROTATION_GRACE, Integer.class).orElse(5);
        sessionLock = source.getOptionalValue(SESSION_LOCK, Boolean.class).orElse(false);
        sessionLockTimeoutSeconds =
                source.getOptionalValue(SESSION_LOCK_TIMEOUT, Integer.class).orElse(10);
        cookie = CookieSettings.read(source);
        maxAttributeBytes = source.getOptionalValue(MAX_ATTRIBUTE_BYTES, Long.class)
                .orElse(AttributeLimits.DEFAULT_MAX_ATTRIBUTE_BYTES);
        maxSessionBytes = source.getOptionalValue(MAX_SESSION_BYTES, Long.class)
                .orElse(AttributeLimits.DEFAULT_MAX_SESSION_BYTES);
        applicationPackages = source.getOptionalValues(APPLICATION_PACKAGES, String.class)
                .map(SessionDbConfig::trimmed)
                .orElse(AttributeLimits.DEFAULT_APPLICATION_PACKAGES);
        deserializationAllowed = source.getOptionalValues(DESERIALIZATION_ALLOW, String.class)
                .map(SessionDbConfig::trimmed)
                .orElse(List.of());
        validate();
    }

    /** Applies the log level and says which profile and database this node runs with. */
    void announceOnStart(
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

    void validate() {
        List<String> problems = new ArrayList<>();
        if (touchIntervalSeconds < 0) {
            problems.add(TOUCH_INTERVAL + " must be 0 or more seconds, was " + touchIntervalSeconds);
        }
        if (cleanupIntervalSeconds < 1) {
            problems.add(CLEANUP_INTERVAL + " must be at least 1 second, was " + cleanupIntervalSeconds);
        }
        if (dbTimeoutSeconds < 1) {
            problems.add(DB_TIMEOUT + " must be at least 1 second, was " + dbTimeoutSeconds);
        }
        if (rotationGraceSeconds < 0) {
            problems.add(ROTATION_GRACE + " must be 0 or more seconds, was " + rotationGraceSeconds);
        }
        if (sessionLockTimeoutSeconds < 1) {
            problems.add(SESSION_LOCK_TIMEOUT + " must be at least 1 second, was " + sessionLockTimeoutSeconds);
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
        } else if (secrets.isEmpty()) {
            problems.add("session cookies are signed: set " + SECRETS + " (env SESSIONDB_SECRETS)");
        }
        problems.addAll(cookie.problems());
        validateAttributeLimits(problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid SessionDB configuration: " + String.join("; ", problems));
        }
        attributeLimits =
                AttributeLimits.of(maxAttributeBytes, maxSessionBytes, applicationPackages, deserializationAllowed);
    }

    private void validateAttributeLimits(List<String> problems) {
        if (maxAttributeBytes < 1) {
            problems.add(MAX_ATTRIBUTE_BYTES + " must be at least 1 byte, was " + maxAttributeBytes);
        }
        if (maxSessionBytes < 1) {
            problems.add(MAX_SESSION_BYTES + " must be at least 1 byte, was " + maxSessionBytes);
        }
        if (maxAttributeBytes > maxSessionBytes) {
            problems.add(MAX_ATTRIBUTE_BYTES + " (" + maxAttributeBytes + ") must not be more than " + MAX_SESSION_BYTES
                    + " (" + maxSessionBytes + ")");
        }
        checkPatterns(APPLICATION_PACKAGES, applicationPackages, problems);
        checkPatterns(DESERIALIZATION_ALLOW, deserializationAllowed, problems);
    }

    /** "a.**, b.*" is a natural way to write a list; the spaces are not part of the patterns. */
    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).toList();
    }

    private static void checkPatterns(String key, List<String> patterns, List<String> problems) {
        for (String pattern : patterns) {
            String problem = AttributeLimits.patternProblem(pattern);
            if (problem != null) {
                problems.add(key + ": '" + pattern + "' " + problem);
            }
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

    /** Whether a session gets a new id whenever the user it belongs to changes (signing in, switching user). */
    public boolean rotateOnLogin() {
        return rotateOnLogin;
    }

    /**
     * For how long after a session's id changed a request still carrying the old id gets no cookie that
     * could replace the new one, in seconds; 0 turns the check off.
     */
    public int rotationGraceSeconds() {
        return rotationGraceSeconds;
    }

    public int cleanupIntervalSeconds() {
        return cleanupIntervalSeconds;
    }

    public int cleanupBatchSize() {
        return cleanupBatchSize;
    }

    /** The session cookie's name as sent, {@code __Host-} prefix included when configured. */
    public String cookieName() {
        return cookie.name(cookieName);
    }

    public CookieSettings cookie() {
        return cookie;
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

    /** The cookie-signing secrets: the first signs, every one verifies (so a secret can be rotated). */
    public List<String> secrets() {
        return secrets.orElse(List.of());
    }

    /**
     * Whether a request holds its session's lock while it runs, so that concurrent requests of one
     * session take turns instead of overwriting each other's changes to the same attribute.
     */
    public boolean sessionLock() {
        return sessionLock;
    }

    /** How long a request waits for its session's lock before it fails, in seconds. */
    public int sessionLockTimeoutSeconds() {
        return sessionLockTimeoutSeconds;
    }

    /** The attribute and session size limits and the deserialization allowlist. */
    public AttributeLimits attributeLimits() {
        return attributeLimits;
    }

    /** The JNDI name of a server-managed datasource to use instead of the application's own. */
    public Optional<String> datasource() {
        return datasource;
    }
}
