package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SessionDbConfigTest {

    private static final String SECRET = "x".repeat(32);

    @Test
    void startsWithNothingConfiguredWithoutAProfileACredentialOrASecret() {
        Config shipped = TestConfig.with(Map.of());
        SessionDbConfig config = SessionDbConfig.load(shipped);

        assertThat(shipped.getOptionalValue("mp.config.profile", String.class))
                .as("the application's to set")
                .isEmpty();
        assertThat(config.logging()).isEqualTo(new LoggingSettings("INFO"));
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:h2:./data/sessiondb;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(config.database().jdbcUser()).contains("sessiondb");
        assertThat(config.database().password()).isEmpty();
        assertThat(config.database().datasource()).isEmpty();
        assertThat(config.database().timeoutSeconds()).isEqualTo(10);
        assertThat(config.database().schemaMigrate()).isTrue();
        assertThat(config.secrets().configured())
                .as("generated at start instead")
                .isEmpty();
        assertThat(config.timeouts()).isEqualTo(new SessionTimeouts(1800, 60));
        assertThat(config.sweeper()).isEqualTo(new SweeperSettings(60, 500));
        assertThat(config.rotation()).isEqualTo(new RotationSettings(true, 5));
        assertThat(config.lock()).isEqualTo(new LockSettings(false, 10));
        assertThat(config.visits())
                .isEqualTo(
                        new VisitSettings(true, false, List.of("/health", "/metrics", "/openapi", "/api/admin"), 1000));
        assertThat(config.saveEmptySessions())
                .as("a session the application creates is stored while empty")
                .isTrue();
        assertThat(config.admin().username()).isEqualTo("admin");
        assertThat(config.admin().enabled()).as("no admin password ships").isFalse();
        assertThat(config.admin().path()).isEqualTo("/api/admin");
        assertThat(config.ownSessions()).isEqualTo(new OwnSessionsSettings(false, "/api/me/sessions"));
        assertThat(config.cookie().name()).isEqualTo("SESSIONDB");
        assertThat(config.cookie().secure()).isEqualTo(CookieSettings.Secure.AUTO);
        assertThat(config.cookie().sameSite()).isEqualTo("Lax");
        assertThat(config.cookie().hostPrefix()).isFalse();
        assertThat(config.cookie().domain()).isEmpty();
        assertThat(config.cookie().maxAgeSeconds()).isEmpty();
        assertThat(config.cookie().rolling()).isFalse();
        assertThat(config.limits().maxAttributeBytes()).isEqualTo(1024 * 1024);
        assertThat(config.limits().maxSessionBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void theLibrarysDefaultsSetNoProfileAndHoldNoCredentialOrSecret() {
        Map<String, String> shipped = new SessionDbDefaults().getProperties();

        assertThat(shipped.keySet())
                .doesNotContain(
                        "mp.config.profile",
                        "sessiondb.secrets",
                        "sessiondb.admin.password-hash",
                        "sessiondb.db.user",
                        "sessiondb.db.password",
                        "sessiondb.db.url")
                .noneMatch(key -> key.startsWith("%"));
    }

    @Test
    void anApplicationsOwnProfileTurnsNoSessionDbSettingOn() {
        SessionDbConfig config = TestConfig.settings(Map.of("mp.config.profile", "dev"));

        assertThat(config.admin().enabled()).isFalse();
        assertThat(config.logging().level()).isEqualTo(Level.INFO);
        assertThat(config.secrets().configured()).isEmpty();
        assertThat(config.database().embedded()).isTrue();
    }

    @Test
    void theProfileProdGetsNoEmbeddedDatabaseAndNeedsNoSecret() {
        assertThatThrownBy(() -> TestConfig.settings(Map.of("mp.config.profile", "prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Invalid SessionDB configuration: the profile prod gets no embedded one-node database:"
                        + " set sessiondb.db.url (env SESSIONDB_DB_URL) or sessiondb.datasource"
                        + " (env SESSIONDB_DATASOURCE)");

        SessionDbConfig config =
                TestConfig.settings(Map.of("mp.config.profile", "prod", "sessiondb.db.url", "jdbc:postgresql://db/s"));
        assertThat(config.database().embedded()).isFalse();
        assertThat(config.database().jdbcUser())
                .as("no default user for a configured database")
                .isEmpty();
        assertThat(config.admin().enabled()).isFalse();
    }

    @Test
    void adminAndOwnSessionsPathsAreConfigurableAndChecked() {
        SessionDbConfig config = TestConfig.settings(Map.of(
                "sessiondb.admin.path", "/ops/sessiondb",
                "sessiondb.own-sessions.enabled", "true",
                "sessiondb.own-sessions.path", "/account/devices"));

        assertThat(config.admin().path()).isEqualTo("/ops/sessiondb");
        assertThat(config.ownSessions()).isEqualTo(new OwnSessionsSettings(true, "/account/devices"));
        assertThatThrownBy(() -> TestConfig.settings(
                        Map.of("sessiondb.admin.path", "api/admin", "sessiondb.own-sessions.path", "/me/*")))
                .hasMessageContaining("sessiondb.admin.path must be a path such as /api/admin: starting with /,"
                        + " not ending with /, was 'api/admin'")
                .hasMessageContaining("sessiondb.own-sessions.path must be a plain path, without spaces, *, ?, #, ;,"
                        + " % or \\, was '/me/*'");
        assertThatThrownBy(() -> TestConfig.settings(Map.of(
                        "sessiondb.admin.password-hash",
                                PasswordHash.of("x".toCharArray()).toString(),
                        "sessiondb.admin.path", "/api",
                        "sessiondb.own-sessions.enabled", "true")))
                .hasMessageContaining("sessiondb.admin.path and sessiondb.own-sessions.path must not overlap,"
                        + " were '/api' and '/api/me/sessions'");
    }

    @Test
    void anAdminPasswordHashThatIsNotOneStopsTheStart() {
        assertThatThrownBy(() -> TestConfig.settings(Map.of("sessiondb.admin.password-hash", "admin")))
                .hasMessageContaining(
                        "sessiondb.admin.password-hash must be PBKDF2WithHmacSHA256:<iterations>:<salt>:"
                                + "<hash> (Base64), as printed by java -cp sessiondb-library.jar io.sessiondb.config.PasswordHash");
        assertThatThrownBy(() -> TestConfig.settings(
                        Map.of("sessiondb.admin.password-hash", "PBKDF2WithHmacSHA256:many:AAAA:AAAA")))
                .hasMessageContaining("sessiondb.admin.password-hash has an invalid iteration count, salt or hash");
        assertThatThrownBy(() -> TestConfig.settings(Map.of("sessiondb.admin.username", " ")))
                .hasMessageContaining("sessiondb.admin.username must not be blank");
    }

    @Test
    void theProfileProdAcceptsAServerDatasourceInsteadOfAUrl() {
        SessionDbConfig config =
                TestConfig.settings(Map.of("mp.config.profile", "prod", "sessiondb.datasource", "jdbc/sessiondb"));

        assertThat(config.database().datasource()).contains("jdbc/sessiondb");
        assertThat(config.database().url()).isEmpty();
        assertThat(config.database().embedded()).isFalse();
    }

    @Test
    void touchIntervalIsNeverMoreThanATenthOfTheTimeout() {
        SessionTimeouts timeouts = TestConfig.settings().timeouts();

        assertThat(timeouts.touchIntervalMs(1800)).isEqualTo(60_000);
        assertThat(timeouts.touchIntervalMs(300)).isEqualTo(30_000);
        assertThat(timeouts.touchIntervalMs(3)).isEqualTo(300);
        assertThat(timeouts.touchIntervalMs(0)).as("never expires").isEqualTo(60_000);
    }

    @Test
    void sessionLockKeysAreRead() {
        SessionDbConfig config =
                TestConfig.settings(Map.of("sessiondb.session-lock", "true", "sessiondb.session-lock.timeout", "3"));

        assertThat(config.lock()).isEqualTo(new LockSettings(true, 3));
    }

    @Test
    void sessionLockTimeoutMustBeAtLeastOneSecond() {
        assertThatThrownBy(() -> TestConfig.settings(
                        Map.of("sessiondb.session-lock", "true", "sessiondb.session-lock.timeout", "0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiondb.session-lock.timeout must be at least 1 second, was 0");
    }

    @Test
    void invalidSettingsAreAllReportedByKeyInOneMessage() {
        assertThatThrownBy(() -> TestConfig.settings(Map.of(
                        "sessiondb.cookie.name", "bad name;",
                        "sessiondb.cleanup.interval", "0",
                        "sessiondb.cleanup.batch-size", "0",
                        "sessiondb.touch.interval", "-1",
                        "sessiondb.rotation.grace", "-1",
                        "sessiondb.db.timeout", "soon")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiondb.cookie.name must be a cookie token")
                .hasMessageContaining("sessiondb.cleanup.interval must be at least 1 second, was 0")
                .hasMessageContaining("sessiondb.cleanup.batch-size must be at least 1, was 0")
                .hasMessageContaining("sessiondb.touch.interval must be 0 or more seconds, was -1")
                .hasMessageContaining("sessiondb.rotation.grace must be 0 or more seconds, was -1")
                .hasMessageContaining("sessiondb.db.timeout (env SESSIONDB_DB_TIMEOUT) must be a whole number of"
                        + " seconds greater than 0, was 'soon'");
    }

    @Test
    void shortSecretsAndUnknownLogLevelsAreRefused() {
        assertThatThrownBy(() -> TestConfig.settings(
                        Map.of("sessiondb.secrets", SECRET + ",short", "sessiondb.log.level", "CHATTY")))
                .hasMessageContaining("sessiondb.secrets must hold secrets of at least 32 characters each")
                .hasMessageContaining("sessiondb.log.level must be a java.util.logging level");
    }

    @Test
    void anEmptySecretsValueMeansNoneConfigured() {
        // an empty value is how MicroProfile Config removes a value
        assertThat(TestConfig.settings(Map.of("sessiondb.secrets", ""))
                        .secrets()
                        .configured())
                .isEmpty();
    }

    @Test
    void everySecretVerifiesAndTheFirstSigns() {
        SessionDbConfig config =
                TestConfig.settings(Map.of("sessiondb.secrets", "a".repeat(32) + "," + "b".repeat(40)));

        assertThat(config.secrets().configured()).contains(List.of("a".repeat(32), "b".repeat(40)));
    }
}
