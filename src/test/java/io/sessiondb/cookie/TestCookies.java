package io.sessiondb.cookie;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.store.SessionDatabase;
import java.util.List;

/** {@link SessionCookies} and {@link SigningKeys} outside a container, wired by hand. */
public final class TestCookies {

    private TestCookies() {}

    /** Cookies with these settings, in an application that configures no session cookie of its own. */
    public static SessionCookies of(SessionDbConfig config) {
        SessionCookies cookies = new SessionCookies();
        cookies.config = config;
        cookies.keys = signingKeys(config);
        cookies.servletContext = ContextWithoutCookieConfig.create();
        return cookies;
    }

    /** The configured secrets, or a test's own when none are: what a node would generate needs a database. */
    public static SigningKeys signingKeys(SessionDbConfig config) {
        return SigningKeys.of(config.secrets().configured().orElse(List.of("a-test-secret-of-at-least-32-characters")));
    }

    /** The signing keys a node with these settings reads from this database. */
    public static SigningKeys onDatabase(SessionDbConfig config, SessionDatabase database) {
        SigningKeys keys = new SigningKeys();
        keys.config = config;
        keys.database = database;
        return keys;
    }
}
