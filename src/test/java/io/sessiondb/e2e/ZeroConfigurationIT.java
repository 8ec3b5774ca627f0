package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21 as a new user meets it: {@link NotesApplication} adds the library and configures nothing but its
 * database (on the embedded default, not even that). Its own session-scoped bean survives a restart and is
 * read on a second node, whose SessionDB verifies the first node's cookie with the secret they share in the
 * database; the admin API is off; and no SessionDB credential signs anyone in to the application's own form
 * login.
 */
@EveryDatabase
class ZeroConfigurationIT {

    private static final String DATABASE = "sessiondb_zero_configuration";

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("ZeroConfigurationIT")
            .deploying(NotesApplication.war(), NotesApplication.READY_PATH)
            .onTestDatabase(DATABASE);

    private static PayaraMicroServer secondNode;

    @AfterAll
    static void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void theApplicationsOwnSessionBeanSurvivesARestartWithoutNamingItsPackage() {
        HttpSessionClient writer = server.visitor();
        assertThat(writer.post("/notes").body()).isEqualTo("notes=1");
        assertThat(writer.post("/notes").body()).isEqualTo("notes=2");
        assertThat(writer.post("/notes").body()).isEqualTo("notes=3");

        server.restart();

        assertThat(writer.post("/notes").body())
                .as("the notebook kept across the restart")
                .isEqualTo("notes=4");
        assertThat(server.log()).doesNotContain("refused");
    }

    @Test
    void aSecondNodeOnTheDatabaseVerifiesTheCookieAndReadsTheSession() {
        assumeFalse(TestDatabase.selected().isEmbedded(), "two nodes need a database server, not the embedded H2");
        HttpSessionClient writer = server.visitor();
        writer.post("/notes");
        writer.post("/notes");
        String cookie = writer.cookieValue().orElseThrow();

        HttpSessionClient onTheSecondNode = secondNode().visitor();
        onTheSecondNode.useCookieValue(cookie);
        ApiResponse read = onTheSecondNode.get("/notes");

        assertThat(read.body()).isEqualTo("notes=2");
        assertThat(read.setCookies())
                .as("the cookie verified: not cleared as forged")
                .isEmpty();
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

    private static PayaraMicroServer secondNode() {
        if (secondNode == null) {
            secondNode = PayaraMicroServer.named("ZeroConfigurationIT-second-node")
                    .deploying(NotesApplication.war(), NotesApplication.READY_PATH)
                    .onTheDatabaseOf(server)
                    .start();
        }
        return secondNode;
    }
}
