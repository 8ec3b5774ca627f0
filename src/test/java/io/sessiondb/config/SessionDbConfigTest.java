package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void invalidSettingsAreAllReportedByKey() {
        SessionDbConfig config = defaults();
        config.cookieName = "bad name;";
        config.cleanupIntervalSeconds = 0;

        assertThatThrownBy(config::validate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sessiondb.cookie.name")
                .hasMessageContaining("sessiondb.cleanup.interval");
    }
}
