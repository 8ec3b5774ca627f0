package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An application that runs with the profile prod (its own: SessionDB sets none) gets no embedded one-node
 * database: without one configured it refuses to start, naming the keys. It needs no secret: SessionDB
 * generates one. (A prod node that starts, without admin credentials, is DockerConfigurationIT's.)
 */
class ProdProfileIT {

    @Test
    void theProfileProdWithoutADatabaseRefusesToStartNamingTheKeys() {
        try (PayaraMicroServer server = PayaraMicroServer.named("ProdProfileIT")
                .withEnv("MP_CONFIG_PROFILE", "prod")
                .startWithoutWaitingForTheApplication()) {

            assertThat(server.log())
                    .contains("Invalid SessionDB configuration: the profile prod gets no embedded one-node database")
                    .contains("sessiondb.db.url (env SESSIONDB_DB_URL)")
                    .contains("sessiondb.datasource (env SESSIONDB_DATASOURCE)")
                    .doesNotContain("sessiondb.secrets");
            assertThat(server.visitor().get("/api/session").status())
                    .as("the application is not deployed")
                    .isEqualTo(404);
            assertThat(server.workDir().resolve("data"))
                    .as("no embedded database")
                    .doesNotExist();
        }
    }
}
