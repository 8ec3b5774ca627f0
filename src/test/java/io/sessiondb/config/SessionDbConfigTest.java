package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class SessionDbConfigTest {

    private static SessionDbConfig defaults() {
        SessionDbConfig config = new SessionDbConfig();
        config.timeoutSeconds = 1800;
        config.touchIntervalSeconds = 60;
        config.cleanupIntervalSeconds = 60;
        config.cleanupBatchSize = 500;
        config.cookieName = "SESSIONDB";
        config.visitsEnabled = true;
        config.visitsExcludedPaths = List.of("/health", "/metrics/");
        config.schemaMigrate = true;
        config.profile = "dev";
        config.dbUrl = Optional.of("jdbc:h2:./data/sessiondb");
        config.datasource = Optional.empty();
        config.secrets = Optional.of(List.of("x".repeat(32)));
        config.logLevel = "FINE";
        config.dbTimeoutSeconds = 10;
        config.rotateOnLogin = true;
        config.rotationGraceSeconds = 5;
        config.sessionLockTimeoutSeconds = 10;
        config.cookie = CookieSettings.defaults();
        config.maxAttributeBytes = 1024 * 1024;
        config.maxSessionBytes = 4 * 1024 * 1024;
        config.applicationPackages = List.of("io.sessiondb.**");
        config.deserializationAllowed = List.of();
        return config;
    }

    @Test
    void defaultsAreValid() {
        SessionDbConfig config = defaults();
        config.validate();
        assertThat(config.touchIntervalMs(1800)).isEqualTo(60_000);
    }

    @Test
    void touchIntervalIsNeverMoreThanATenthOfTheTimeout() {
        SessionDbConfig config = defaults();

        assertThat(config.touchIntervalMs(300)).isEqualTo(30_000);
        assertThat(config.touchIntervalMs(3)).isEqualTo(300);
        assertThat(config.touchIntervalMs(0)).as("never expires").isEqualTo(60_000);
    }

    @Test
    void sessionLockIsOffByDefaultAndWaitsTenSecondsWhenOn() {
        Config source = mock(Config.class); // answers every key as unset
        when(source.getOptionalValues(SessionDbConfig.SECRETS, String.class))
                .thenReturn(Optional.of(List.of("x".repeat(32))));

        SessionDbConfig config = SessionDbConfig.load(source);

        assertThat(config.sessionLock()).isFalse();
        assertThat(config.sessionLockTimeoutSeconds()).isEqualTo(10);
    }

    @Test
    void sessionLockKeysAreRead() {
        Config source = mock(Config.class);
        when(source.getOptionalValues(SessionDbConfig.SECRETS, String.class))
                .thenReturn(Optional.of(List.of("x".repeat(32))));
        when(source.getOptionalValue("sessiondb.session-lock", Boolean.class)).thenReturn(Optional.of(true));
        when(source.getOptionalValue("sessiondb.session-lock.timeout", Integer.class))
                .thenReturn(Optional.of(3));

        SessionDbConfig config = SessionDbConfig.load(source);

        assertThat(config.sessionLock()).isTrue();
        assertThat(config.sessionLockTimeoutSeconds()).isEqualTo(3);
    }

    @Test
    void sessionLockTimeoutMustBeAtLeastOneSecond() {
        SessionDbConfig config = defaults();
        config.sessionLock = true;
        config.sessionLockTimeoutSeconds = 0;

        assertThatThrownBy(config::validate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiondb.session-lock.timeout must be at least 1 second, was 0");
    }

    @Test
    void invalidSettingsAreAllReportedByKey() {
        SessionDbConfig config = defaults();
        config.cookieName = "bad name;";
        config.cleanupIntervalSeconds = 0;
        config.rotationGraceSeconds = -1;

        assertThatThrownBy(config::validate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiondb.cookie.name")
                .hasMessageContaining("sessiondb.cleanup.interval")
                .hasMessageContaining("sessiondb.rotation.grace must be 0 or more seconds, was -1");
    }

    @Test
    void prodProfileRefusesToStartWithoutAnExplicitDatabaseAndASecret() {
        SessionDbConfig config = defaults();
        config.profile = "prod";
        config.dbUrl = Optional.empty();
        config.secrets = Optional.empty();

        assertThatThrownBy(config::validate)
                .hasMessageContaining("sessiondb.db.url (env SESSIONDB_DB_URL)")
                .hasMessageContaining("sessiondb.datasource")
                .hasMessageContaining("sessiondb.secrets (env SESSIONDB_SECRETS)");
    }

    @Test
    void prodProfileAcceptsAServerDatasourceInsteadOfAUrl() {
        SessionDbConfig config = defaults();
        config.profile = "prod";
        config.dbUrl = Optional.empty();
        config.datasource = Optional.of("jdbc/sessiondb");

        config.validate();
    }

    @Test
    void shortSecretsAndUnknownLogLevelsAreRefused() {
        SessionDbConfig config = defaults();
        config.secrets = Optional.of(List.of("x".repeat(32), "short"));
        config.logLevel = "CHATTY";

        assertThatThrownBy(config::validate)
                .hasMessageContaining("at least 32 characters")
                .hasMessageContaining("sessiondb.log.level");
    }

    @Test
    void validationBuildsTheAttributeLimits() {
        SessionDbConfig config = defaults();
        config.maxAttributeBytes = 1000;
        config.maxSessionBytes = 5000;

        config.validate();

        assertThat(config.attributeLimits().maxAttributeBytes()).isEqualTo(1000);
        assertThat(config.attributeLimits().maxSessionBytes()).isEqualTo(5000);
    }

    @Test
    void sizeLimitsMustBePositiveAndTheAttributeLimitNoMoreThanTheSessionLimit() {
        SessionDbConfig config = defaults();
        config.maxAttributeBytes = 0;
        config.maxSessionBytes = -1;

        assertThatThrownBy(config::validate)
                .hasMessageContaining("sessiondb.max-attribute-bytes must be at least 1 byte, was 0")
                .hasMessageContaining("sessiondb.max-session-bytes must be at least 1 byte, was -1");

        config.maxAttributeBytes = 2000;
        config.maxSessionBytes = 1000;
        assertThatThrownBy(config::validate)
                .hasMessageContaining(
                        "sessiondb.max-attribute-bytes (2000) must not be more than sessiondb.max-session-bytes (1000)");
    }

    @Test
    void deserializationPatternsMustBeClassPatternsNamingTheirKey() {
        SessionDbConfig config = defaults();
        config.deserializationAllowed = List.of("com.example.**", "maxdepth=1000");
        config.applicationPackages = List.of("*");

        assertThatThrownBy(config::validate)
                .hasMessageContaining("sessiondb.deserialization.allow: 'maxdepth=1000'")
                .hasMessageContaining("sessiondb.deserialization.application-packages: '*' would allow every class")
                .hasMessageNotContaining("'com.example.**'");
    }

    @Test
    void excludedPathsMatchWholeSegments() {
        SessionDbConfig config = defaults();

        assertThat(config.visitsExcluded("/health")).isTrue();
        assertThat(config.visitsExcluded("/health/ready")).isTrue();
        assertThat(config.visitsExcluded("/metrics/base")).isTrue();
        assertThat(config.visitsExcluded("/healthy")).isFalse();
        assertThat(config.visitsExcluded("/api/session")).isFalse();
    }
}
