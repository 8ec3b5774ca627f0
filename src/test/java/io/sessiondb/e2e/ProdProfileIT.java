package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prod profile has no defaults to fall back on: without a database and a secret it refuses to start. */
class ProdProfileIT {

    @Test
    void prodProfileWithoutDatabaseOrSecretRefusesToStartNamingEachSetting() throws Exception {
        try (PayaraMicroServer server = PayaraMicroServer.in(PayaraMicroServer.freshWorkDir("ProdProfileIT"), Map.of())
                .withEnv("MP_CONFIG_PROFILE", "prod")
                .startWithoutWaitingForTheApplication()) {

            assertThat(server.log())
                    .contains("Invalid SessionDB configuration")
                    .contains("sessiondb.db.url (env SESSIONDB_DB_URL)")
                    .contains("sessiondb.datasource (env SESSIONDB_DATASOURCE)")
                    .contains("sessiondb.secrets (env SESSIONDB_SECRETS)");
            int status = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.uri("/api/session")).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertThat(status).as("the application is not deployed").isEqualTo(404);
            assertThat(server.workDir().resolve("data"))
                    .as("no embedded database")
                    .doesNotExist();
        }
    }
}
