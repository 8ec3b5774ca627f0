package io.sessiondb.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * SessionDB's settings, read once through MicroProfile Config (defaults in {@code
 * META-INF/microprofile-config.properties}, overridden by system properties and environment variables)
 * into one small record per concern, and validated together, so a bad value stops deployment with a
 * message naming every bad key.
 *
 * <p>Nothing needs configuring: SessionDB sets no profile and ships no credential or secret. Without a
 * database it uses an embedded H2 file for one node, without secrets one it generates; the admin API and
 * the users' own-sessions list stay off until configured. An application that runs with the profile {@code
 * prod} ({@code mp.config.profile}, its own) must name its database.
 */
@ApplicationScoped
public class SessionDbConfig {

    private static final Logger LOG = Logger.getLogger(SessionDbConfig.class.getName());
    static final String ENABLED = "sessiondb.enabled";
    static final String SAVE_EMPTY_SESSIONS = "sessiondb.save-empty-sessions";

    @Inject
    Config source;

    private boolean enabled;
    private boolean saveEmptySessions;
    private DatabaseSettings database;
    private CookieSettings cookie;
    private SigningSecrets secrets;
    private SessionTimeouts timeouts;
    private SweeperSettings sweeper;
    private RotationSettings rotation;
    private LockSettings lock;
    private CacheSettings cache;
    private VisitSettings visits;
    private AttributeLimits limits;
    private LoggingSettings logging;
    private AdminSettings admin;
    private OwnSessionsSettings ownSessions;

    /**
     * Reads and validates every setting.
     *
     * @throws IllegalStateException listing every invalid or missing setting by key
     */
    public static SessionDbConfig load(Config source) {
        SessionDbConfig config = new SessionDbConfig();
        config.source = source;
        config.read();
        return config;
    }

    @PostConstruct
    void read() {
        enabled = source.getValue(ENABLED, Boolean.class);
        saveEmptySessions =
                source.getOptionalValue(SAVE_EMPTY_SESSIONS, Boolean.class).orElse(true);
        database = DatabaseSettings.read(source);
        cookie = CookieSettings.read(source);
        secrets = SigningSecrets.read(source);
        timeouts = SessionTimeouts.read(source);
        sweeper = SweeperSettings.read(source);
        rotation = RotationSettings.read(source);
        lock = LockSettings.read(source);
        cache = CacheSettings.read(source);
        visits = VisitSettings.read(source);
        limits = AttributeLimits.read(source);
        logging = LoggingSettings.read(source);
        admin = AdminSettings.read(source);
        ownSessions = OwnSessionsSettings.read(source);
        List<String> problems = new ArrayList<>();
        problems.addAll(timeouts.problems());
        problems.addAll(sweeper.problems());
        problems.addAll(database.problems());
        problems.addAll(rotation.problems());
        problems.addAll(lock.problems());
        problems.addAll(cache.problems());
        problems.addAll(logging.problems());
        problems.addAll(secrets.problems());
        problems.addAll(cookie.problems());
        problems.addAll(visits.problems());
        problems.addAll(limits.problems());
        problems.addAll(admin.problems());
        problems.addAll(ownSessions.problems());
        if (admin.enabled() && ownSessions.enabled() && ServletPaths.overlap(admin.path(), ownSessions.path())) {
            problems.add(AdminSettings.PATH + " and " + OwnSessionsSettings.PATH + " must not overlap, were '"
                    + admin.path() + "' and '" + ownSessions.path() + "'");
        }
        if (!problems.isEmpty()) {
            String message = "Invalid SessionDB configuration: " + String.join("; ", problems);
            // logged here as well: servers print CDI's wrapper of this exception, not always its message
            LOG.severe(message);
            throw new IllegalStateException(message);
        }
    }

    /**
     * Whether requests get SessionDB's sessions. When false, its filter passes every request through and
     * the application gets the container's own sessions, visit stamps included: a switch to compare the
     * two on one build (bench/run.sh does).
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Whether a session the application creates is stored even while it holds nothing, as containers store
     * it (the default), so the next request with its cookie finds it and {@code isNew()} is false. False is
     * express-session's {@code saveUninitialized: false}: a session is stored once it holds an attribute,
     * keeps a user signed in or has a visit stamped, and one that ends its first request empty is dropped.
     */
    public boolean saveEmptySessions() {
        return saveEmptySessions;
    }

    public DatabaseSettings database() {
        return database;
    }

    public CookieSettings cookie() {
        return cookie;
    }

    public SigningSecrets secrets() {
        return secrets;
    }

    public SessionTimeouts timeouts() {
        return timeouts;
    }

    public SweeperSettings sweeper() {
        return sweeper;
    }

    public RotationSettings rotation() {
        return rotation;
    }

    public LockSettings lock() {
        return lock;
    }

    public CacheSettings cache() {
        return cache;
    }

    public VisitSettings visits() {
        return visits;
    }

    /** The attribute and session size limits and the deserialization allowlist. */
    public AttributeLimits limits() {
        return limits;
    }

    public LoggingSettings logging() {
        return logging;
    }

    /** Who may use the admin API, and where it is. */
    public AdminSettings admin() {
        return admin;
    }

    /** Whether and where each signed-in user's list of their own sessions is served. */
    public OwnSessionsSettings ownSessions() {
        return ownSessions;
    }
}
