package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SignInScenarios} with Jakarta Security's custom-form mechanism ({@link ShopSignIn#CUSTOM_FORM}),
 * where the application itself authenticates, inside SessionDB's filter; and a sign-in kept across a restart.
 * (The other two mechanisms' sign-ins are restored from the database by a node that never saw them, which
 * is what a restart asks, in {@code FormSignInTwoNodesIT} and {@code CustomMechanismSignInTwoNodesIT}; this
 * mechanism has no such class, and a restart costs a server boot.)
 */
class CustomFormSignInIT extends SignInScenarios {

    @RegisterExtension
    static final PayaraMicroServer server = withSessionDbOperations(PayaraMicroServer.named("CustomFormSignInIT")
            .deploying(ShopApplication.war(ShopSignIn.CUSTOM_FORM), ShopApplication.READY_PATH));

    @Override
    PayaraMicroServer server() {
        return server;
    }

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.CUSTOM_FORM;
    }

    @Test
    void theUserStaysSignedInWithTheirRolesAcrossARestart() {
        HttpSessionClient alice = server.visitor();
        signIn().signIn(alice, "alice", "alice-password");
        HttpSessionClient bob = server.visitor();
        signIn().signIn(bob, "bob", "bob-password");

        server.restart();

        ApiResponse account = alice.get("/account");
        assertThat(account.status()).as("%s", account).isEqualTo(200);
        assertThat(account.body()).isEqualTo("account=alice manager=false");
        assertThat(account.sessionCookie())
                .as("the same session, no new cookie")
                .isEmpty();
        assertThat(alice.get("/manager").status()).as("alice is no manager").isEqualTo(403);
        assertThat(bob.get("/manager").body()).isEqualTo("manager=bob");
    }
}
