package io.sessiondb.e2e.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.ShopSignIn;
import io.sessiondb.testing.ApiResponse;
import org.junit.jupiter.api.Test;

/** {@link SignInOnTwoNodes} with Jakarta Security's form mechanism ({@link ShopSignIn#FORM}). */
class FormSignInTwoNodesIT extends SignInOnTwoNodes {

    @Override
    ShopSignIn signIn() {
        return ShopSignIn.FORM;
    }

    /**
     * The form sign-in is three requests, each of which may reach another node: the page asked for, saved
     * in the session before the redirect to the login page; the form's post, which signs in and keeps the
     * caller in the session; the page again, where the user is signed in.
     */
    @Test
    void theSignInMayMoveBetweenNodesAtEveryStep() {
        Browser visitor = new Browser();
        ShopSignIn.FORM.assertAsksToSignIn(visitor.on(nodeA).get("/account"));

        ShopSignIn.assertRedirectsTo(
                ShopSignIn.postForm(
                        visitor.on(nodeB), "/j_security_check", "j_username", "bob", "j_password", "bob-password"),
                "/account");

        ApiResponse account = visitor.on(nodeA).get("/account");
        assertThat(account.body()).isEqualTo("account=bob manager=true");
        assertThat(visitor.on(nodeB).get("/manager").body()).isEqualTo("manager=bob");
    }
}
