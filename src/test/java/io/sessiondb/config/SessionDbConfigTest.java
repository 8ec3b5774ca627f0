package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class SessionDbConfigTest {

    private static final String SECRET = "x".repeat(32);

    @Test
    void devProfileStartsWithNothingConfiguredAndSeesThePropertiesFileDefaults() {
        SessionDbConfig config = TestConfig.settings();

        assertThat(config.logging()).isEqualTo(new LoggingSettings("dev", "FINE"));
        assertThat(config.database().url()).contains("jdbc:h2:./data/sessiondb;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(config.database().user()).contains("sessiondb");
        assertThat(config.database().datasource()).isEmpty();
        assertThat(config.database().timeoutSeconds()).isEqualTo(10);
        assertThat(config.database().schemaMigrate()).isTrue();
        assertThat(config.secrets().all()).singleElement().asString().startsWith("dev-only-secret");
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
        assertThat(config.admin().enabled())
                .as("dev has the admin password 'admin'")
                .isTrue();
        assertThat(config.admin().accepts("admin", "admin".toCharArray())).isTrue();
        assertThat(config.admin().accepts("admin", "Admin".toCharArray())).isFalse();
        assertThat(config.admin().accepts("root", "admin".toCharArray())).isFalse();
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
    void prodProfileLogsAtInfoAndRefusesToStartWithoutAnExplicitDatabaseAndASecret() {
        assertThatThrownBy(() -> TestConfig.settings(Map.of("mp.config.profile", "prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Invalid SessionDB configuration: ")
                .hasMessageContaining("the prod profile needs an explicit database: set sessiondb.db.url"
                        + " (env SESSIONDB_DB_URL) or sessiondb.datasource (env SESSIONDB_DATASOURCE)")
                .hasMessageContaining("the prod profile needs a secret: set sessiondb.secrets (env SESSIONDB_SECRETS)");

        SessionDbConfig config = TestConfig.settings(Map.of(
                "mp.config.profile",
                "prod",
                "sessiondb.db.url",
                "jdbc:postgresql://db/sessions",
                "sessiondb.secrets",
                SECRET));
        assertThat(config.logging().level()).isEqualTo(Level.INFO);
        assertThat(config.database().user()).as("only dev has a default user").isEmpty();
        assertThat(config.admin().enabled()).as("prod has no admin credentials").isFalse();
        assertThat(config.admin().accepts("admin", "admin".toCharArray())).isFalse();
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
    void prodProfileAcceptsAServerDatasourceInsteadOfAUrl() {
        SessionDbConfig config = TestConfig.settings(Map.of(
                "mp.config.profile", "prod", "sessiondb.datasource", "jdbc/sessiondb", "sessiondb.secrets", SECRET));

        assertThat(config.database().datasource()).contains("jdbc/sessiondb");
        assertThat(config.database().url()).isEmpty();
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
    void devProfileWithItsSecretRemovedSaysCookiesAreSigned() {
        // an empty value is how MicroProfile Config removes a default
        assertThatThrownBy(() -> TestConfig.settings(Map.of("sessiondb.secrets", "")))
                .hasMessage("Invalid SessionDB configuration: session cookies are signed: set sessiondb.secrets"
                        + " (env SESSIONDB_SECRETS)");
    }

    @Test
    void everySecretVerifiesAndTheFirstSigns() {
        SessionDbConfig config =
                TestConfig.settings(Map.of("sessiondb.secrets", "a".repeat(32) + "," + "b".repeat(40)));

        assertThat(config.secrets().all()).containsExactly("a".repeat(32), "b".repeat(40));
    }
}
