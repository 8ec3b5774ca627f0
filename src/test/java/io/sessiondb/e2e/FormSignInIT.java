package io.sessiondb.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SignInScenarios} with Jakarta Security's form mechanism ({@link ShopSignIn#FORM}). */
class FormSignInIT extends SignInScenarios {

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("FormSignInIT")
            .deploying(ShopApplication.war(ShopSignIn.FORM), ShopApplication.READY_PATH);

    @Override
    PayaraMicroServer server() {
        return server;
    }

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.FORM;
    }
}
