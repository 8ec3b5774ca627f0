package io.sessiondb.e2e;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session database goes away and comes back (an H2 TCP server in the test JVM, stopped and restarted
 * on the same port and files) while the application keeps running.
 */
class DatabaseOutageIT {

    /** How long a request may take to fail during an outage: far below any client's patience. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(10);

    @RegisterExtension
    static final PayaraMicroServer server =
            PayaraMicroServer.named("DatabaseOutageIT").withH2ServedByTheTest();

    @Test
    void outageAnswers503FastThenServiceResumesByItselfWithTheCommittedCartIntact() {
        HttpSessionClient visitor = server.visitor();
        HttpSessionClient newcomer = server.visitorWithoutCookies();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        assertThat(visitor.addItem("pear").status()).isEqualTo(201);
        String id = visitor.cookieValue().orElseThrow();
        assertThat(HealthCheckScript.passes(server))
                .as("healthy before the outage")
                .isTrue();

        server.h2().stop();

        assertThat(HealthCheckScript.passes(server))
                .as("unhealthy without its database")
                .isFalse();

        // several rounds: the first failure on a pooled connection and later ones on fresh connects differ
        for (int round = 1; round <= 2; round++) {
            assertUnavailable("GET /api/session, round " + round, () -> visitor.get("/api/session"));
            assertUnavailable("POST /api/cart/items, round " + round, () -> visitor.addItem("during-outage"));
            assertUnavailable("new visitor's GET /api/session, round " + round, () -> newcomer.get("/api/session"));
            assertUnavailable("new visitor's POST /api/cart/items, round " + round, () -> newcomer.addItem("kiwi"));
        }
        assertThat(visitor.cookieValue()).as("a 503 does not clear the cookie").contains(id);

        server.h2().start();

        List<Integer> statusesWhileRecovering = new ArrayList<>();
        long restartedNs = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    int status = visitor.get("/api/cart").status();
                    statusesWhileRecovering.add(status);
                    return status == 200;
                });
        // for the record (failsafe-reports/*-output.txt), not asserted: it depends on the machine
        System.out.printf(
                "Service resumed %d ms after the database came back; statuses meanwhile: %s%n",
                Duration.ofNanos(System.nanoTime() - restartedNs).toMillis(), statusesWhileRecovering);
        assertThat(statusesWhileRecovering).allMatch(status -> status == 200 || status == 503);

        assertThat(HealthCheckScript.passes(server)).as("healthy again").isTrue();
        assertThat(PrometheusText.of(server.visitor()).value("sessiondb_unavailable_responses_total"))
                .as("every 503 counted: 4 requests in each of 2 rounds, and any while recovering")
                .isGreaterThanOrEqualTo(8);
        ApiResponse cart = visitor.get("/api/cart");
        assertThat(cart.items()).as("committed before, nothing from during").containsExactly("apple", "pear");
        assertThat(visitor.addItem("plum").items()).containsExactly("apple", "pear", "plum");
        assertThat(visitor.cookieValue()).contains(id);
        ApiResponse fresh = newcomer.get("/api/session");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.json().getInt("visits")).isEqualTo(1);
        assertThat(newcomer.get("/api/cart", sessionCookieHeader(fresh.issuedSessionId()))
                        .status())
                .isEqualTo(200);
    }

    private static void assertUnavailable(String what, Supplier<ApiResponse> request) {
        long startNs = System.nanoTime();
        ApiResponse response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - startNs);
        System.out.printf("%s: HTTP %d in %d ms%n", what, response.status(), took.toMillis());

        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(503);
        assertThat(took).as("%s took %s", what, took).isLessThan(FAIL_FAST);
        assertThat(response.firstHeader("Retry-After"))
                .as("%s: %s", what, response)
                .isPresent();
        assertThat(response.json().getString("error")).as("%s", what).isEqualTo("session store unavailable");
        assertThat(response.sessionCookie()).as("%s sets no cookie", what).isEmpty();
    }
}
