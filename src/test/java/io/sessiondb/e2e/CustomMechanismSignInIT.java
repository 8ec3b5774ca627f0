package io.sessiondb.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SignInScenarios} with the shop's own {@code @AutoApplySession} mechanism ({@link
 * ShopSignIn#CUSTOM_MECHANISM}), and with the session lock on: a request the container refuses after
 * authentication (403), before any filter runs, must release the lock its sign-in check took, or the
 * session's next request waits for the lease and gets 503.
 */
class CustomMechanismSignInIT extends SignInScenarios {

    @RegisterExtension
    static final PayaraMicroServer server = withSessionDbOperations(PayaraMicroServer.named("CustomMechanismSignInIT")
            .deploying(ShopApplication.war(ShopSignIn.CUSTOM_MECHANISM), ShopApplication.READY_PATH)
            .withEnv("SESSIONDB_SESSION_LOCK", "true"));

    @Override
    PayaraMicroServer server() {
        return server;
    }

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.CUSTOM_MECHANISM;
    }
}
