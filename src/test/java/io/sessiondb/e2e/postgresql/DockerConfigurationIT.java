package io.sessiondb.e2e.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.HealthCheckScript;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Docker setup, without a Docker engine: a node booted with exactly the environment of
 * docker/sessiondb.env (only the database host differs) and the image's command line serves sessions
 * from PostgreSQL in the demo's prod profile, and the image's health check passes against it.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class DockerConfigurationIT {

    @Test
    void nodeConfiguredLikeTheContainerServesSessionsAndPassesTheHealthCheck() throws Exception {
        Map<String, String> environment = envFile(Path.of("docker/sessiondb.env"));
        String composeUrl = environment.get("SESSIONDB_DB_URL");
        assertThat(composeUrl).startsWith("jdbc:postgresql://postgres:5432/");
        String testUrl = TestDatabase.POSTGRESQL.recreate("sessiondb_docker");
        environment.put("SESSIONDB_DB_URL", testUrl);

        List<String> command = imageCommand(Path.of("docker/Dockerfile"));
        // the harness passes the same options (with a free port instead of 8080)
        assertThat(command)
                .containsSubsequence("--deploy", "/opt/payara/deployments/sessiondb.war")
                .containsSubsequence("--contextroot", "/")
                .contains("--nocluster");

        PayaraMicroServer node = PayaraMicroServer.named("DockerConfigurationIT");
        environment.forEach(node::withEnv);
        try (PayaraMicroServer server = node.start()) {
            HttpSessionClient visitor = server.visitor();
            ApiResponse added = visitor.addItem("apple");

            assertThat(added.status()).isEqualTo(201);
            assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
            assertThat(server.log()).contains("SessionDB database " + testUrl).doesNotContain("for one node only");
            assertThat(HealthCheckScript.passes(server)).isTrue();
            ApiResponse probe = server.visitorWithoutCookies().get("/health/ready");
            assertThat(probe.status()).isEqualTo(200);
            assertThat(probe.header("Set-Cookie"))
                    .as("probes create no session")
                    .isEmpty();
            ApiResponse admin = server.visitor().get("/api/admin/totals", AdminCredentials.DEMO.header());
            assertThat(admin.status())
                    .as("the demo's admin is its dev profile's: in prod the API is off")
                    .isEqualTo(404);
            assertThat(server.log()).contains("The SessionDB admin API is off");
        }
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                environment.put(pair[0].strip(), pair[1].strip());
            }
        }
        return environment;
    }

    private static List<String> imageCommand(Path dockerfile) throws IOException {
        String cmd = Files.readAllLines(dockerfile).stream()
                .filter(line -> line.startsWith("CMD "))
                .reduce((first, last) -> last)
                .orElseThrow();
        List<String> arguments = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(cmd);
        while (quoted.find()) {
            arguments.add(quoted.group(1));
        }
        return arguments;
    }
}
