package io.sessiondb.e2e;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the shop through Jakarta Security, one way per subclass ({@link ShopSignIn}), on Payara
 * Micro over HTTP: the user keeps their roles; the session id changes at sign-in; signing out ends it. Every response is checked for the container's session by {@link
 * ApiResponse}: none may carry a {@code JSESSIONID}.
 */
abstract class SignInScenarios {

    /** SessionDB's admin in the shop, configured as an operator would (see {@link #withSessionDbOperations}). */
    static final AdminCredentials SESSIONDB_ADMIN = new AdminCredentials("sessiondb-ops", "sessiondb ops password");

    abstract PayaraMicroServer server();

    abstract ShopSignIn signIn();

    /** Where the shop's SessionDB serves its admin API. */
    String adminPath() {
        return "/api/admin";
    }

    /** Where the shop's SessionDB serves each user's list of their own sessions. */
    String ownSessionsPath() {
        return "/api/me/sessions";
    }

    /**
     * The shop's server with SessionDB's admin API (its own admin, {@link #SESSIONDB_ADMIN}) and the users'
     * own-sessions list turned on, which are off unless configured.
     */
    static PayaraMicroServer withSessionDbOperations(PayaraMicroServer server) {
        return server.withAdmin(SESSIONDB_ADMIN, SESSIONDB_ADMIN.passwordHash())
                .withEnv("SESSIONDB_OWN_SESSIONS_ENABLED", "true");
    }

    @Test
    void signingInChangesTheSessionIdAndKeepsWhatTheVisitorDidBefore() {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.post("/wishlist?item=apple").body()).isEqualTo("wishlist=apple");
        String anonymousCookie = visitor.cookieValue().orElseThrow();

        signIn().signIn(visitor, "alice", "alice-password");

        String signedInCookie = visitor.cookieValue().orElseThrow();
        assertThat(signedInCookie).isNotEqualTo(anonymousCookie);
        assertThat(visitor.get("/account").body()).isEqualTo("account=alice manager=false");
        assertThat(visitor.get("/wishlist").body()).as("the session of before").isEqualTo("wishlist=apple");
        // the id from before the sign-in, which someone may have planted, signs nobody in
        ApiResponse planted = server().visitorWithoutCookies().get("/account", sessionCookieHeader(anonymousCookie));
        signIn().assertAsksToSignIn(planted);
    }

    /**
     * Through a login page the sign-in takes one more request: the password is accepted with a redirect to
     * the page first asked for, and the server keeps the caller in the session until that page is asked
     * for. Someone who planted the session's id and asks for that page first must not get the caller.
     */
    @Test
    void theIdFromBeforeTheSignInIsUselessOnceThePasswordIsAccepted() {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.post("/wishlist?item=apple").body()).isEqualTo("wishlist=apple");
        String plantedCookie = visitor.cookieValue().orElseThrow();

        signIn().submitCredentials(visitor, "alice", "alice-password");

        assertThat(visitor.cookieValue()).get().isNotEqualTo(plantedCookie);
        ApiResponse planted = server().visitorWithoutCookies().get("/account", sessionCookieHeader(plantedCookie));
        signIn().assertAsksToSignIn(planted);
        assertThat(visitor.get("/account").body()).isEqualTo("account=alice manager=false");
        assertThat(visitor.get("/wishlist").body()).isEqualTo("wishlist=apple");
    }

    /**
     * The container refuses a request for a role the user lacks (403) itself, before any filter runs; the
     * session serves on (with the session lock on, the lock its sign-in check took is released).
     */
    @Test
    void eachUserKeepsTheirRolesAndARefusedRequestLeavesTheSessionServing() {
        HttpSessionClient alice = server().visitor();
        signIn().signIn(alice, "alice", "alice-password");
        HttpSessionClient bob = server().visitor();
        signIn().signIn(bob, "bob", "bob-password");

        assertThat(alice.get("/manager").status()).as("alice is no manager").isEqualTo(403);

        assertThat(alice.get("/account").body()).isEqualTo("account=alice manager=false");
        assertThat(bob.get("/manager").body()).isEqualTo("manager=bob");
        assertThat(bob.get("/account").body()).isEqualTo("account=bob manager=true");
    }

    @Test
    void signingOutEndsTheSignInAndKeepsTheSession() {
        HttpSessionClient visitor = server().visitor();
        signIn().signIn(visitor, "alice", "alice-password");
        assertThat(visitor.post("/wishlist?item=apple").body()).isEqualTo("wishlist=apple");

        assertThat(visitor.post("/signout").body()).isEqualTo("signed-out");

        signIn().assertAsksToSignIn(visitor.get("/account"));
        assertThat(visitor.get("/wishlist").body()).as("the same session").isEqualTo("wishlist=apple");
    }

    @Test
    void endingTheSessionSignsOutWhoeverStillHasItsCookie() {
        HttpSessionClient visitor = server().visitor();
        signIn().signIn(visitor, "alice", "alice-password");
        String signedInCookie = visitor.cookieValue().orElseThrow();

        ApiResponse signedOut = visitor.post("/signout?end-session=true");

        assertThat(signedOut.sessionCookie())
                .hasValueSatisfying(
                        cookie -> assertThat(cookie.deletes()).as("%s", cookie).isTrue());
        ApiResponse replayed = server().visitorWithoutCookies().get("/account", sessionCookieHeader(signedInCookie));
        signIn().assertAsksToSignIn(replayed);
    }

    /** The library's list of a user's own sessions, in an application that signs its users in itself. */
    @Test
    void aSignedInUserSeesTheirSessionsAndEndsAnotherOne() {
        HttpSessionClient laptop = server().visitor();
        HttpSessionClient phone = server().visitor();
        signIn().signIn(laptop, "alice", "alice-password");
        signIn().signIn(phone, "alice", "alice-password");
        String phoneSession = OperationsServer.fingerprint(phone);

        ApiResponse mine = laptop.get(ownSessionsPath());

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body())
                .contains("\"fingerprint\":\"" + OperationsServer.fingerprint(laptop) + "\"")
                .contains("\"fingerprint\":\"" + phoneSession + "\"");
        assertThat(laptop.delete(ownSessionsPath() + "/" + phoneSession).status())
                .isEqualTo(204);
        // the phone's next request is asked to sign in, in a new session
        signIn().assertAsksToSignIn(phone.get("/account"));
        assertThat(laptop.get("/account").body()).isEqualTo("account=alice manager=false");
        assertThat(server().log()).contains("session=" + phoneSession + " event=revoked");
    }

    /** The application's own users with the role sessiondb-admin use the admin API as they are signed in. */
    @Test
    void aUserTheApplicationGaveTheAdminRoleUsesTheAdminApi() {
        HttpSessionClient bob = server().visitor();
        HttpSessionClient alice = server().visitor();
        signIn().signIn(bob, "bob", "bob-password");
        signIn().signIn(alice, "alice", "alice-password");

        assertThat(bob.get(adminPath() + "/totals").status()).isEqualTo(200);
        assertThat(alice.get(adminPath() + "/totals").status()).isEqualTo(401);
    }

    /**
     * SessionDB's admin credentials are checked by its admin API alone: the application's own sign-in, whatever
     * its mechanism, refuses them, and they give no role in the application.
     */
    @Test
    void sessionDbsAdminCredentialsSignNobodyInToTheApplication() {
        HttpSessionClient visitor = server().visitor();

        signIn().signInFails(visitor, SESSIONDB_ADMIN.user(), SESSIONDB_ADMIN.password());

        signIn().assertAsksToSignIn(visitor.get("/account"));
        signIn().assertAsksToSignIn(visitor.get("/manager"));
        ApiResponse withBasic = visitor.get("/account", SESSIONDB_ADMIN.header());
        signIn().assertAsksToSignIn(withBasic);
        assertThat(server().visitor()
                        .get(adminPath() + "/totals", SESSIONDB_ADMIN.header())
                        .status())
                .as("they open the admin API")
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordSignsNobodyIn() {
        HttpSessionClient visitor = server().visitor();

        signIn().signInFails(visitor, "alice", "bob-password");

        signIn().assertAsksToSignIn(visitor.get("/account"));
        signIn().assertAsksToSignIn(visitor.get("/manager"));
    }
}
