package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The prod profile has no defaults to fall back on: without a database and a secret it refuses to start. (A
 * prod node that starts, without admin credentials, is DockerConfigurationIT's.)
 */
class ProdProfileIT {

    @Test
    void prodProfileWithoutDatabaseOrSecretRefusesToStartNamingEachSetting() {
        try (PayaraMicroServer server = PayaraMicroServer.named("ProdProfileIT")
                .withEnv("MP_CONFIG_PROFILE", "prod")
                .startWithoutWaitingForTheApplication()) {

            assertThat(server.log())
                    .contains("Invalid SessionDB configuration")
                    .contains("sessiondb.db.url (env SESSIONDB_DB_URL)")
                    .contains("sessiondb.datasource (env SESSIONDB_DATASOURCE)")
                    .contains("sessiondb.secrets (env SESSIONDB_SECRETS)");
            assertThat(server.visitor().get("/api/session").status())
                    .as("the application is not deployed")
                    .isEqualTo(404);
            assertThat(server.workDir().resolve("data"))
                    .as("no embedded database")
                    .doesNotExist();
        }
    }
}
