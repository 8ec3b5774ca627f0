package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21 as a new user meets it: {@link NotesApplication} adds the library and configures nothing but its
 * database (on the embedded default, not even that). Its own session-scoped bean survives a restart; its
 * cookies are signed with the secret SessionDB generated and keeps in the database, which still verifies them
 * once secrets are configured, so configuring them signs nobody out; a second node on the database verifies
 * the first node's cookie with that secret and reads the session; the admin API is off; and no SessionDB
 * credential signs anyone in to the application's own form login.
 */
@EveryDatabase
class ZeroConfigurationIT {

    private static final String DATABASE = "sessiondb_zero_configuration";
    private static final String CONFIGURED = "the-first-configured-secret-0123456789abcdef";

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("ZeroConfigurationIT")
            .deploying(NotesApplication.war(), NotesApplication.READY_PATH)
            .onTestDatabase(DATABASE);

    /**
     * One restart, a boot being the costliest part of the test, shows the bean surviving it and the move from the
     * generated secret to configured ones.
     */
    @Test
    void theSessionBeanSignedWithTheGeneratedSecretSurvivesARestartThatConfiguresSecrets() throws Exception {
        HttpSessionClient writer = server.visitor();
        assertThat(writer.post("/notes").body()).isEqualTo("notes=1");
        assertThat(writer.post("/notes").body()).isEqualTo("notes=2");
        assertThat(writer.post("/notes").body()).isEqualTo("notes=3");
        assertThat(server.log()).contains("signed with the secret SessionDB generated for this database");

        server.stop();
        // while stopped: the embedded H2 file is open to one process at a time
        String generated = storedSecret();
        assertThat(generated).as("32 random bytes, base64url").hasSize(43);
        assertThat(signature(writer))
                .as("the cookie is signed with the generated secret")
                .isEqualTo(hmac(generated, writer.sessionId().orElseThrow()));
        server.withEnv("SESSIONDB_SECRETS", CONFIGURED).start();

        ApiResponse afterTheRestart = writer.post("/notes");
        assertThat(afterTheRestart.body())
                .as("the notebook kept across the restart")
                .isEqualTo("notes=4");
        assertThat(afterTheRestart.sessionCookie())
                .as("the cookie signed with the generated secret still verifies")
                .isEmpty();
        assertThat(server.log())
                .contains("the secret SessionDB generated before still verifies")
                .doesNotContain("refused");
        HttpSessionClient newcomer = server.visitor();
        assertThat(newcomer.post("/notes").body()).isEqualTo("notes=1");
        assertThat(signature(newcomer))
                .as("a newcomer's cookie is signed with the configured secret")
                .isEqualTo(hmac(CONFIGURED, newcomer.sessionId().orElseThrow()));

        // a database server, unlike the embedded H2 file, can be read while a node runs and shared by two nodes;
        // on H2 the first cookie still verifying after the restart is what shows the generated secret kept
        if (!TestDatabase.selected().isEmbedded()) {
            assertThat(storedSecret())
                    .as("the generated secret kept, not replaced")
                    .isEqualTo(generated);
            try (PayaraMicroServer secondNode = PayaraMicroServer.named("ZeroConfigurationIT-second-node")
                    .deploying(NotesApplication.war(), NotesApplication.READY_PATH)
                    .onTheDatabaseOf(server)
                    .start()) {
                HttpSessionClient onTheSecondNode = secondNode.visitor();
                onTheSecondNode.useCookieValue(writer.cookieValue().orElseThrow());
                ApiResponse read = onTheSecondNode.get("/notes");

                assertThat(read.body()).as("the first node's session").isEqualTo("notes=4");
                assertThat(read.setCookies())
                        .as("the cookie verified with the secret in the database: not cleared as forged")
                        .isEmpty();
            }
        }
    }

    @Test
    void theAdminApiIsOff() {
        ApiResponse response =
                server.visitorWithoutCookies().get("/api/admin/sessions", AdminCredentials.DEMO.header());

        assertThat(response.status()).as("%s", response).isEqualTo(404);
    }

    @Test
    void noSessionDbCredentialSignsInToTheApplicationsFormLogin() {
        HttpSessionClient stranger = server.visitor();
        ShopSignIn.FORM.assertAsksToSignIn(stranger.get("/private"));
        ShopSignIn.assertRedirectsTo(
                ShopSignIn.postForm(stranger, "/j_security_check", "j_username", "admin", "j_password", "admin"),
                "/login-error.html");
        ShopSignIn.FORM.assertAsksToSignIn(stranger.get("/private"));

        HttpSessionClient writer = server.visitor();
        ShopSignIn.FORM.assertAsksToSignIn(writer.get("/private"));
        ShopSignIn.assertRedirectsTo(
                ShopSignIn.postForm(
                        writer, "/j_security_check", "j_username", "writer", "j_password", "writer-password"),
                "/private");
        assertThat(writer.get("/private").body())
                .as("the form login works for its own user")
                .isEqualTo("private=writer");
    }

    /** The one row of {@code sessiondb_secret}; on H2 in the server's embedded file, so only while it is stopped. */
    private static String storedSecret() throws SQLException {
        try (Connection connection = TestDatabase.selected().isEmbedded()
                        ? theEmbeddedFile()
                        : TestDatabase.selected().connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT secret FROM sessiondb_secret")) {
            assertThat(row.next()).as("one row").isTrue();
            String secret = row.getString(1);
            assertThat(row.next()).as("only one row").isFalse();
            return secret;
        }
    }

    /** SessionDB's default database, {@code jdbc:h2:./data/sessiondb} in the server's working directory, read-only. */
    private static Connection theEmbeddedFile() throws SQLException {
        String file = server.workDir()
                .resolve("data")
                .resolve("sessiondb")
                .toAbsolutePath()
                .toString();
        // its user, made the owner when SessionDB created the file, has no password
        return DriverManager.getConnection("jdbc:h2:" + file + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sessiondb", "");
    }

    private static String signature(HttpSessionClient visitor) {
        String value = visitor.cookieValue().orElseThrow();
        return value.substring(value.indexOf('.') + 1);
    }

    private static String hmac(String secret, String sessionId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.US_ASCII)));
    }
}
