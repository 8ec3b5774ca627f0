package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idle expiry with a 5-second timeout and a sweep every second. The database is served from the test JVM
 * so the test can watch a session's row without touching the session (any request would keep it alive).
 * Runs beside other classes: the session kept alive gets a request every half second, ten to a timeout, so
 * only a request held up some four seconds by a neighbour's load could let it expire.
 */
class ExpiryIT {

    private static final int TIMEOUT_SECONDS = 5;
    private static final Duration REQUEST_INTERVAL = Duration.ofMillis(500);

    // configured through environment variables, as a container would be
    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("ExpiryIT")
            .withH2ServedByTheTest()
            .withEnv("SESSIONDB_TIMEOUT", Integer.toString(TIMEOUT_SECONDS))
            .withEnv("SESSIONDB_CLEANUP_INTERVAL", "1");

    @Test
    void idleSessionIsDeletedAfterTheTimeoutAndItsCookieThenGetsAFreshSession() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.get("/api/session").json().getInt("maxInactiveInterval"))
                .isEqualTo(TIMEOUT_SECONDS);
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        String id = visitor.cookieValue().orElseThrow();
        long expiresAtMs = server.h2().expiresAtMs(id).orElseThrow(() -> new AssertionError("no row for the session"));

        // watch the row, not the session: a request would count as activity
        await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS + 10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !server.h2().sessionExists(id));
        long goneAtMs = System.currentTimeMillis();

        assertThat(goneAtMs).as("deleted no earlier than it expired").isGreaterThanOrEqualTo(expiresAtMs);
        ApiResponse cart = visitor.get("/api/cart");
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.items()).isEmpty();
        assertThat(cart.issuedSessionId()).isNotEqualTo(id);
        assertThat(visitor.get("/api/session").json().getInt("visits")).isEqualTo(2);
    }

    @Test
    void sessionUsedWithinTheTimeoutIsKept() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        String id = visitor.cookieValue().orElseThrow();
        long firstExpiryMs = server.h2().expiresAtMs(id).orElseThrow();

        // a request every half second, for well past one timeout, while the sweeper runs every second
        await().pollDelay(Duration.ZERO)
                .pollInterval(REQUEST_INTERVAL)
                .during(Duration.ofMillis(TIMEOUT_SECONDS * 1000L + 1500))
                .atMost(Duration.ofSeconds(TIMEOUT_SECONDS + 10))
                .until(() -> visitor.get("/api/cart").items().equals(List.of("apple")));

        assertThat(visitor.cookieValue()).contains(id);
        long lastExpiryMs = server.h2().expiresAtMs(id).orElseThrow(() -> new AssertionError("row gone"));
        assertThat(lastExpiryMs)
                .as("each use pushed the expiry on")
                .isGreaterThan(firstExpiryMs + TIMEOUT_SECONDS * 1000L);
    }
}
