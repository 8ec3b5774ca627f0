package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SignInScenarios} with Jakarta Security's form mechanism ({@link ShopSignIn#FORM}), SessionDB's admin
 * API and own-sessions list moved to paths of the shop's choosing.
 */
class FormSignInIT extends SignInScenarios {

    private static final String ADMIN_PATH = "/ops/sessiondb";
    private static final String OWN_SESSIONS_PATH = "/me/devices";

    @RegisterExtension
    static final PayaraMicroServer server = withSessionDbOperations(PayaraMicroServer.named("FormSignInIT")
                    .deploying(ShopApplication.war(ShopSignIn.FORM), ShopApplication.READY_PATH))
            .withEnv("SESSIONDB_ADMIN_PATH", ADMIN_PATH)
            .withEnv("SESSIONDB_OWN_SESSIONS_PATH", OWN_SESSIONS_PATH);

    @Override
    PayaraMicroServer server() {
        return server;
    }

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.FORM;
    }

    @Override
    String adminPath() {
        return ADMIN_PATH;
    }

    @Override
    String ownSessionsPath() {
        return OWN_SESSIONS_PATH;
    }

    @Test
    void theDefaultPathsStayTheApplicationsOnceMoved() {
        HttpSessionClient alice = server.visitor();
        signIn().signIn(alice, "alice", "alice-password");
        String[] admin = SESSIONDB_ADMIN.header();

        ApiResponse oldAdmin = server.visitor().get("/api/admin/totals", admin);
        ApiResponse oldOwnSessions = alice.get("/api/me/sessions");

        assertThat(oldAdmin.status()).isEqualTo(404);
        assertThat(oldAdmin.body()).doesNotContain("SessionDB");
        assertThat(oldOwnSessions.status()).isEqualTo(404);
        assertThat(server.visitor().get(ADMIN_PATH + "/totals", admin).json().getJsonNumber("live"))
                .isNotNull();
        assertThat(alice.get(OWN_SESSIONS_PATH).json().getInt("total")).isPositive();
    }
}
