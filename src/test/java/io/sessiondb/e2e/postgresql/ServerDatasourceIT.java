package io.sessiondb.e2e.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two ways to reach PostgreSQL besides a URL: a datasource the server manages (created by the
 * post-boot command file that the Docker image uses), and a schema the DBA applied by hand with
 * automatic migration off.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class ServerDatasourceIT {

    private static final TestDatabase POSTGRESQL = TestDatabase.POSTGRESQL;

    @Test
    void serverManagedDatasourceFromThePostBootFileHoldsTheSessionsInProduction() throws Exception {
        String database = "sessiondb_server_ds";
        String url = POSTGRESQL.recreate(database);
        try (PayaraMicroServer server = PayaraMicroServer.named("ServerDatasourceIT")
                .withArgs(
                        "--addLibs",
                                BuildOutput.besideTheWar("jdbc/postgresql.jar").toString(),
                        "--postbootcommandfile",
                                Path.of("docker/post-boot-commands.asadmin")
                                        .toAbsolutePath()
                                        .toString())
                .withEnv("MP_CONFIG_PROFILE", "prod")
                .withEnv("SESSIONDB_SECRETS", "a-production-secret-of-at-least-32-characters")
                .withEnv("SESSIONDB_DATASOURCE", "jdbc/sessiondb")
                .withEnv("SESSIONDB_PG_HOST", "127.0.0.1")
                .withEnv("SESSIONDB_PG_PORT", "5432")
                .withEnv("SESSIONDB_PG_DATABASE", url.substring(url.lastIndexOf('/') + 1))
                .withEnv("SESSIONDB_PG_USER", TestDatabase.USER)
                .withEnv("SESSIONDB_PG_PASSWORD", TestDatabase.PASSWORD)
                .start()) {

            assertThat(server.visitor().addItem("apple").status()).isEqualTo(201);

            assertThat(count(database, "SELECT COUNT(*) FROM sessiondb_attribute WHERE name = 'cart'"))
                    .isEqualTo(1);
            assertThat(count(database, "SELECT COUNT(*) FROM sessiondb_schema_history WHERE success"))
                    .isEqualTo(migrationScripts().size());
            assertThat(server.workDir().resolve("data"))
                    .as("the embedded database is never opened")
                    .doesNotExist();
            assertThat(server.log())
                    .contains("SessionDB database from the server datasource jdbc/sessiondb")
                    .contains("signed with the first of sessiondb.secrets")
                    .doesNotContain("for one node only");
        }
    }

    /** The PostgreSQL scripts in version order, as a DBA would apply them. */
    private static List<Path> migrationScripts() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration/postgresql"))) {
            return scripts.sorted(Comparator.comparingInt(ServerDatasourceIT::version))
                    .toList();
        }
    }

    private static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @Test
    void schemaAppliedByHandIsUsedWhenMigrationIsOff() throws Exception {
        String database = "sessiondb_by_hand";
        String url = POSTGRESQL.recreate(database);
        try (Connection connection = POSTGRESQL.connect(database);
                Statement statement = connection.createStatement()) {
            for (Path script : migrationScripts()) {
                statement.execute(Files.readString(script));
            }
        }
        try (PayaraMicroServer server = PayaraMicroServer.named("SchemaByHandIT")
                .onDatabase(url)
                .withEnv("SESSIONDB_SCHEMA_MIGRATE", "false")
                .start()) {

            assertThat(server.visitor().addItem("pear").status()).isEqualTo(201);

            assertThat(count(database, "SELECT COUNT(*) FROM sessiondb_attribute WHERE name = 'cart'"))
                    .isEqualTo(1);
            assertThat(count(
                            database,
                            "SELECT COUNT(*) FROM information_schema.tables"
                                    + " WHERE table_name = 'sessiondb_schema_history'"))
                    .as("Flyway never ran")
                    .isZero();
            assertThat(server.log()).contains("Automatic schema migration is off; the session tables are present");
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = POSTGRESQL.connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
