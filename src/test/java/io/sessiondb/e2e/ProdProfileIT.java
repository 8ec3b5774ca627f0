package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/**
 * The prod profile has no defaults to fall back on: without a database and a secret it refuses to start, and
 * without admin credentials its admin API is off.
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

    @Test
    void prodProfileHasNoAdminCredentialsSoItsAdminApiIsOffAndSaysSo() {
        try (PayaraMicroServer server = PayaraMicroServer.named("ProdProfileIT-admin")
                .withEnv("MP_CONFIG_PROFILE", "prod")
                .withEnv("SESSIONDB_DB_URL", "jdbc:h2:./data/prod;DB_CLOSE_ON_EXIT=FALSE")
                .withEnv("SESSIONDB_SECRETS", "a-prod-secret-of-at-least-32-characters-0123")
                .start()) {

            ApiResponse off = server.visitor().get("/api/admin/totals", OperationsServer.basic("admin", "admin"));

            assertThat(off.status()).isEqualTo(404);
            assertThat(off.json().getString("error"))
                    .isEqualTo("The admin API is off: no admin credentials are configured"
                            + " (sessiondb.admin.username, sessiondb.admin.password-hash)");
            assertThat(server.visitor().get("/api/admin/sessions").status()).isEqualTo(404);
        }
    }
}
