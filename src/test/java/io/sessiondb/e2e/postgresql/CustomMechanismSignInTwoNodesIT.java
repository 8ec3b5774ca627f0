package io.sessiondb.e2e.postgresql;

import io.sessiondb.e2e.ShopSignIn;

/** {@link SignInOnTwoNodes} with the shop's own {@code @AutoApplySession} mechanism ({@link ShopSignIn#CUSTOM_MECHANISM}). */
class CustomMechanismSignInTwoNodesIT extends SignInOnTwoNodes {

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.CUSTOM_MECHANISM;
    }
}
