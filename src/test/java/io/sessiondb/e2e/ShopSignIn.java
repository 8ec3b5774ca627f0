package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The ways the shop's users can sign in ({@code org.example.shop.signin}), each with the requests a browser
 * sends to sign in, as a test replays them.
 */
public enum ShopSignIn {
    /**
     * Jakarta Security's form mechanism, written as {@code @FormAuthenticationMechanismDefinition}: asking
     * for a page that needs a role answers with the login page (forwarded to, the default); its form posts
     * to {@code j_security_check}, which redirects back to the page first asked for.
     */
    FORM {
        @Override
        public void submitCredentials(HttpSessionClient visitor, String user, String password) {
            assertAsksToSignIn(visitor.get("/account"));
            assertRedirectsTo(
                    postForm(visitor, "/j_security_check", "j_username", user, "j_password", password), "/account");
        }

        @Override
        public void signInFails(HttpSessionClient visitor, String user, String password) {
            assertAsksToSignIn(visitor.get("/account"));
            assertRedirectsTo(
                    postForm(visitor, "/j_security_check", "j_username", user, "j_password", password),
                    "/login-error.html");
        }

        @Override
        public void assertAsksToSignIn(ApiResponse response) {
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.body()).as("the login page").contains("action=\"j_security_check\"");
        }
    },
    /**
     * Jakarta Security's custom-form mechanism, written as {@code @CustomFormAuthenticationMechanismDefinition}:
     * asking for a page that needs a role redirects to the shop's login page, whose servlet checks the posted
     * credentials with {@code SecurityContext.authenticate} and is redirected back to the page first asked
     * for.
     */
    CUSTOM_FORM {
        @Override
        public void submitCredentials(HttpSessionClient visitor, String user, String password) {
            assertAsksToSignIn(visitor.get("/account"));
            assertRedirectsTo(postForm(visitor, "/login", "username", user, "password", password), "/account");
        }

        @Override
        public void signInFails(HttpSessionClient visitor, String user, String password) {
            assertAsksToSignIn(visitor.get("/account"));
            ApiResponse refused = postForm(visitor, "/login", "username", user, "password", password);
            assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        }

        @Override
        public void assertAsksToSignIn(ApiResponse response) {
            assertRedirectsTo(response, "/login");
        }
    },
    /**
     * The shop's own {@code @AutoApplySession} mechanism: it checks the credentials posted to {@code
     * /signin} and relies on the session afterwards; pages that need a role answer 401 to anyone else.
     */
    CUSTOM_MECHANISM {
        @Override
        public void submitCredentials(HttpSessionClient visitor, String user, String password) {
            ApiResponse signedIn = postForm(visitor, "/signin", "username", user, "password", password);
            assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
            assertThat(signedIn.body()).isEqualTo("signed-in=" + user);
        }

        @Override
        public void signInFails(HttpSessionClient visitor, String user, String password) {
            assertAsksToSignIn(postForm(visitor, "/signin", "username", user, "password", password));
        }

        @Override
        public void assertAsksToSignIn(ApiResponse response) {
            assertThat(response.status()).as("%s", response).isEqualTo(401);
        }
    };

    /** Signs the visitor in, asserting each step, up to the customers' page answering them. */
    public void signIn(HttpSessionClient visitor, String user, String password) {
        submitCredentials(visitor, user, password);
        ApiResponse account = visitor.get("/account");
        assertThat(account.status()).as("%s", account).isEqualTo(200);
        assertThat(account.body()).startsWith("account=" + user + " ");
    }

    /**
     * The requests of a sign-in up to the one that accepts the password, asserting each. Through a login
     * page that is a redirect to the page first asked for, which the browser has yet to follow.
     */
    public abstract void submitCredentials(HttpSessionClient visitor, String user, String password);

    /** Tries to sign in with these credentials, asserting that the shop refuses them. */
    public abstract void signInFails(HttpSessionClient visitor, String user, String password);

    /** Asserts that this response to a page that needs a role asks the visitor to sign in. */
    public abstract void assertAsksToSignIn(ApiResponse response);

    /** Posts a form, as a browser does: {@code name=value&...}, URL-encoded. */
    public static ApiResponse postForm(HttpSessionClient visitor, String path, String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(i == 0 ? "" : "&")
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return visitor.send(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts that the response redirects to a path of the server's. */
    public static void assertRedirectsTo(ApiResponse response, String path) {
        assertThat(response.status()).as("%s", response).isEqualTo(302);
        assertThat(response.firstHeader("Location"))
                .as("%s", response)
                .hasValueSatisfying(location -> assertThat(location).endsWith(path));
    }
}
