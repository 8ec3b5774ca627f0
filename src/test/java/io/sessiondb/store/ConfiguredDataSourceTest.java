package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiondb.config.DatabaseSettings;
import io.sessiondb.config.TestConfig;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfiguredDataSourceTest {

    @Test
    void timeoutIsTenSecondsUnlessConfigured() throws SQLException {
        assertThat(ConfiguredDataSource.timeoutSeconds(configWithTimeout(null))).isEqualTo(10);
        assertThat(ConfiguredDataSource.timeoutSeconds(configWithTimeout(" 3 ")))
                .isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2.5", "ten", " "})
    void aTimeoutThatIsNotAPositiveWholeNumberFailsNamingTheKey(String value) {
        assertThatThrownBy(() -> ConfiguredDataSource.timeoutSeconds(configWithTimeout(value)))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("sessiondb.db.timeout")
                .hasMessageContaining("'" + value.strip() + "'");
    }

    @Test
    void postgresqlGetsConnectLoginAndSocketTimeoutsInSeconds() {
        Properties properties = new Properties();
        ConfiguredDataSource.applyTimeout("jdbc:postgresql://db:5432/sessions", 7, properties);
        assertThat(properties)
                .containsEntry("connectTimeout", "7")
                .containsEntry("loginTimeout", "7")
                .containsEntry("socketTimeout", "7")
                .hasSize(3);
    }

    @Test
    void mariadbGetsConnectAndSocketTimeoutsInMilliseconds() {
        Properties properties = new Properties();
        ConfiguredDataSource.applyTimeout("jdbc:mariadb://db:3306/sessions", 7, properties);
        assertThat(properties)
                .containsEntry("connectTimeout", "7000")
                .containsEntry("socketTimeout", "7000")
                .hasSize(2);
    }

    @Test
    void embeddedH2GetsNone() {
        Properties properties = new Properties();
        ConfiguredDataSource.applyTimeout("jdbc:h2:./data/sessiondb", 7, properties);
        assertThat(properties).isEmpty();
    }

    @Test
    void embeddedH2WritesEachCommitBeforeItReturns() {
        Properties properties = new Properties();
        ConfiguredDataSource.applyDurableCommits("jdbc:h2:./data/sessiondb;DB_CLOSE_ON_EXIT=FALSE", properties);
        assertThat(properties).containsExactlyEntriesOf(Map.of("WRITE_DELAY", "0"));
    }

    @Test
    void aWriteDelayInTheUrlIsKeptAndOtherDatabasesGetNone() {
        Properties properties = new Properties();
        ConfiguredDataSource.applyDurableCommits("jdbc:h2:./data/sessiondb;write_delay=100", properties);
        ConfiguredDataSource.applyDurableCommits("jdbc:postgresql://db:5432/sessions", properties);
        assertThat(properties).isEmpty();
    }

    private static DatabaseSettings configWithTimeout(String value) {
        return DatabaseSettings.read(TestConfig.with(value == null ? Map.of() : Map.of("sessiondb.db.timeout", value)));
    }
}
