package io.sessiondb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 4, point 3: the session id changes when the signed-in user changes, the old id never reaches the
 * session's data again, and requests still carrying the old id during the grace window (5 seconds by
 * default) set no cookie that would replace the new one. Users are signed in by the container, through
 * {@link HeaderAuthenticationMechanism}. Run by {@link InContainerIT}.
 */
interface SessionFixationTests extends ContainerTest {

    @Test
    default void signingInGivesTheSessionANewIdThatKeepsItsData() throws SQLException {
        browser().body("set", "name", "cart", "value", "3-books");
        String anonymousId = browser().sessionCookie().orElseThrow();

        browser().signInAs("alice");
        ApiResponse signedIn = browser().call("get", "name", "cart");

        assertThat(signedIn.body()).isEqualTo("3-books");
        assertThat(setCookies(signedIn)).hasSize(1);
        String aliceId = browser().sessionCookie().orElseThrow();
        assertThat(aliceId).isNotEqualTo(anonymousId);
        assertThat(rows("id = '" + StorageKeys.of(anonymousId) + "'")).isZero();
        assertThat(rows("id = '" + StorageKeys.of(aliceId) + "' AND principal_name = 'alice' AND previous_id = '"
                        + StorageKeys.of(anonymousId) + "'"))
                .isOne();

        // the same user again, or a request without one (a public page), keeps the id
        assertThat(setCookies(browser().call("get", "name", "cart"))).isEmpty();
        browser().signInAs(null);
        assertThat(setCookies(browser().call("get", "name", "cart"))).isEmpty();
        assertThat(browser().sessionCookie()).contains(aliceId);

        browser().signInAs("bob");
        assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
        assertThat(browser().sessionCookie())
                .hasValueSatisfying(id -> assertThat(id).isNotEqualTo(aliceId));
        assertThat(rows("id = '" + StorageKeys.of(browser().sessionCookie().orElseThrow())
                        + "' AND principal_name = 'bob'"))
                .isOne();
    }

    @Test
    default void oldIdReachesNothingOnceTheGraceWindowIsOver() throws SQLException {
        String anonymousCookie = signInAfterShoppingAnonymously();
        String aliceKey = StorageKeys.of(browser().sessionCookie().orElseThrow());
        updateOneRow("UPDATE sessiondb_session SET rotated_at_ms = rotated_at_ms - 60000 WHERE id = ?", aliceKey);

        Probe attacker = new Probe(base());
        attacker.useSessionCookie(anonymousCookie);
        ApiResponse replayed = attacker.call("get", "name", "cart");

        assertThat(replayed.body()).isEqualTo("null");
        // getSession() made a fresh session, stored as any session the application creates: its cookie
        // replaces the stale one, and names neither the old id nor the signed-in session
        assertThat(setCookies(replayed)).singleElement().asString().doesNotContain("Max-Age=0");
        String issued = setCookies(replayed).get(0);
        assertThat(issued).startsWith("SESSIONDB=").doesNotContain(anonymousCookie);
        String issuedId = issued.substring("SESSIONDB=".length(), issued.indexOf('.'));
        assertThat(StorageKeys.of(issuedId)).isNotEqualTo(aliceKey);
        assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
    }

    @Test
    default void requestStillCarryingTheOldIdSetsNoCookieDuringTheGraceWindow() throws SQLException {
        String anonymousCookie = signInAfterShoppingAnonymously();
        String aliceId = browser().sessionCookie().orElseThrow();
        long sessionsBefore = rows("1 = 1");

        // a parallel call of the page that sent the sign-in, still with the old cookie
        Probe sameTab = new Probe(base());
        sameTab.useSessionCookie(anonymousCookie);
        ApiResponse read = sameTab.call("get", "name", "cart");
        ApiResponse write = sameTab.call("set", "name", "coupon", "value", "SAVE10");

        assertThat(read.body()).as("the old id reaches no data").isEqualTo("null");
        assertThat(setCookies(read)).isEmpty();
        assertThat(write.status()).isEqualTo(200);
        assertThat(setCookies(write)).isEmpty();
        assertThat(rows("1 = 1")).as("no session nobody could use").isEqualTo(sessionsBefore);
        assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
        assertThat(browser().body("get", "name", "coupon")).isEqualTo("null");
        assertThat(browser().sessionCookie()).contains(aliceId);
    }

    @Test
    default void requestInFlightDuringTheSignInLeavesTheNewCookieAlone() throws Exception {
        browser().body("set", "name", "cart", "value", "3-books");
        try {
            // request A loads the anonymous session and parks; request B signs in meanwhile
            CompletableFuture<ApiResponse> inFlight = parkedWaitSet("coupon", "SAVE10");
            browser().signInAs("alice");
            browser().body("get", "name", "cart");
            String aliceId = browser().sessionCookie().orElseThrow();
            SessionProbeServlet.release.countDown();

            ApiResponse late = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(late.status()).isEqualTo(200);
            assertThat(setCookies(late)).isEmpty();
            assertThat(browser().sessionCookie()).contains(aliceId);
            assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
            assertThat(browser().body("get", "name", "coupon"))
                    .as("the old id reaches the session's data no more, not even from a request that loaded it")
                    .isEqualTo("null");
        } finally {
            SessionProbeServlet.release.countDown();
        }
    }

    @Test
    default void explicitIdChangeAlsoLeavesTheNewCookieAloneDuringTheGraceWindow() {
        browser().body("set", "name", "cart", "value", "3-books");
        String oldCookie = browser().sessionCookieValue().orElseThrow();
        browser().body("change-id");

        Probe sameTab = new Probe(base());
        sameTab.useSessionCookie(oldCookie);
        ApiResponse late = sameTab.call("get", "name", "cart");

        assertThat(late.body()).isEqualTo("null");
        assertThat(setCookies(late)).isEmpty();
        assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
    }

    /** Puts something in the cart anonymously, then signs in as alice; returns the cookie from before. */
    private String signInAfterShoppingAnonymously() {
        browser().body("set", "name", "cart", "value", "3-books");
        String anonymousCookie = browser().sessionCookieValue().orElseThrow();
        browser().signInAs("alice");
        assertThat(browser().body("get", "name", "cart")).isEqualTo("3-books");
        return anonymousCookie;
    }

    private static List<String> setCookies(ApiResponse response) {
        return response.header("Set-Cookie");
    }

    private long rows(String condition) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE " + condition);
    }
}
