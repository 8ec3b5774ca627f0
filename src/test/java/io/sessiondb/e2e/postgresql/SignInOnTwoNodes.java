package io.sessiondb.e2e.postgresql;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.e2e.ShopApplication;
import io.sessiondb.e2e.ShopSignIn;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of the shop, A and B, on one PostgreSQL database and no sticky sessions, its users signing in
 * through Jakarta Security, one way per subclass ({@link ShopSignIn}): a user signed in on one node is
 * signed in on the other, with their roles, and signing out on one ends it on both. A visitor is one
 * browser with one cookie jar for both nodes, as a browser sends a host's cookies to all its ports.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignInOnTwoNodes {

    PayaraMicroServer nodeA;
    PayaraMicroServer nodeB;

    abstract ShopSignIn signIn();

    @BeforeAll
    void startTwoNodesOnOneDatabase() {
        String url = TestDatabase.POSTGRESQL.recreate(
                "sessiondb_sign_in_" + signIn().name().toLowerCase(Locale.ROOT));
        Path war = ShopApplication.war(signIn());
        Path workDir = BuildOutput.freshWorkDir(getClass().getSimpleName());
        nodeA = node(workDir.resolve("node-a"), war, url);
        nodeB = node(workDir.resolve("node-b"), war, url);
        nodeA.launch();
        nodeB.launch();
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    private static PayaraMicroServer node(Path workDir, Path war, String url) {
        return PayaraMicroServer.in(workDir)
                .deploying(war, ShopApplication.READY_PATH)
                .onDatabase(url);
    }

    @AfterAll
    void stopBothNodes() {
        for (PayaraMicroServer node : new PayaraMicroServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aUserSignedInOnOneNodeIsSignedInOnTheOtherWithTheirRoles() {
        Browser alice = new Browser();
        signIn().signIn(alice.on(nodeA), "alice", "alice-password");
        Browser bob = new Browser();
        signIn().signIn(bob.on(nodeB), "bob", "bob-password");

        ApiResponse aliceOnB = alice.on(nodeB).get("/account");
        assertThat(aliceOnB.body()).isEqualTo("account=alice manager=false");
        assertThat(aliceOnB.sessionCookie()).as("node A's cookie as it is").isEmpty();
        assertThat(alice.on(nodeB).get("/manager").status())
                .as("alice is no manager")
                .isEqualTo(403);
        assertThat(bob.on(nodeA).get("/manager").body()).isEqualTo("manager=bob");
    }

    @Test
    void theIdFromBeforeTheSignInSignsNobodyInOnTheOtherNode() {
        Browser visitor = new Browser();
        assertThat(visitor.on(nodeA).post("/wishlist?item=apple").body()).isEqualTo("wishlist=apple");
        String anonymousCookie = visitor.http.cookieValue().orElseThrow();

        signIn().signIn(visitor.on(nodeB), "alice", "alice-password");

        assertThat(visitor.http.cookieValue()).get().isNotEqualTo(anonymousCookie);
        assertThat(visitor.on(nodeA).get("/wishlist").body()).isEqualTo("wishlist=apple");
        HttpSessionClient planted = nodeA.visitorWithoutCookies();
        signIn().assertAsksToSignIn(planted.get("/account", sessionCookieHeader(anonymousCookie)));
        assertThat(planted.get("/wishlist", sessionCookieHeader(anonymousCookie))
                        .body())
                .isEqualTo("wishlist=");
    }

    @Test
    void signingOutOnOneNodeEndsTheSignInOnBoth() {
        Browser alice = new Browser();
        signIn().signIn(alice.on(nodeA), "alice", "alice-password");
        String cookie = alice.http.cookieValue().orElseThrow();
        assertThat(alice.on(nodeB).get("/account").status()).isEqualTo(200);

        assertThat(alice.on(nodeB).post("/signout").body()).isEqualTo("signed-out");

        signIn().assertAsksToSignIn(alice.on(nodeA).get("/account"));
        // the same cookie, copied while alice was signed in, signs nobody in on either node
        for (PayaraMicroServer node : List.of(nodeA, nodeB)) {
            signIn().assertAsksToSignIn(node.visitorWithoutCookies().get("/account", sessionCookieHeader(cookie)));
        }
    }

    @Test
    void endingTheSessionOnOneNodeEndsItOnBoth() {
        Browser alice = new Browser();
        signIn().signIn(alice.on(nodeB), "alice", "alice-password");
        String cookie = alice.http.cookieValue().orElseThrow();

        assertThat(alice.on(nodeB).post("/signout?end-session=true").body()).isEqualTo("signed-out");

        for (PayaraMicroServer node : List.of(nodeA, nodeB)) {
            signIn().assertAsksToSignIn(node.visitorWithoutCookies().get("/account", sessionCookieHeader(cookie)));
        }
    }

    /** A browser visiting both nodes with one cookie jar; {@link #on} picks the node of the next requests. */
    static final class Browser {

        private PayaraMicroServer node;
        final HttpSessionClient http = HttpSessionClient.withCookieJar(() -> node.uri("/"));

        HttpSessionClient on(PayaraMicroServer node) {
            this.node = node;
            return http;
        }
    }
}
