package io.sessiondb.e2e;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SignInScenarios} with Jakarta Security's custom-form mechanism ({@link ShopSignIn#CUSTOM_FORM}),
 * where the application itself authenticates, inside SessionDB's filter.
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
}
