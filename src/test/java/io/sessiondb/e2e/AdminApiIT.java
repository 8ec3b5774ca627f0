package io.sessiondb.e2e;

import static io.sessiondb.e2e.OperationsServer.admin;
import static io.sessiondb.e2e.OperationsServer.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The admin API ({@code /api/admin}) over real HTTP: who may use it, listing, detail, ending one session and
 * all of a user's, totals, and a clear 4xx for every kind of bad request. Sessions are named by fingerprint;
 * no answer ever holds an id, a storage key or an attribute's value. Runs beside other classes: the one test
 * that compares the time of two kinds of refused sign-in compares the fastest of several of each, taken in
 * turns, so a neighbour's load would have to slow every one of one kind to tip it.
 */
@EveryDatabase
@ExtendWith(OperationsServer.class)
@ResourceLock(OperationsServer.LOCK)
class AdminApiIT {

    private static PayaraMicroServer server;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void onlyTheConfiguredAdminGetsIn() {
        HttpSessionClient client = server.visitor();

        ApiResponse anonymous = client.get("/api/admin/totals");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.firstHeader("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
        assertThat(anonymous.json().getString("error")).contains("sessiondb.admin");
        assertThat(client.get(
                                "/api/admin/totals",
                                OperationsServer.ADMIN.withPassword("wrong").header())
                        .status())
                .isEqualTo(401);
        assertThat(client.get("/api/admin/totals", AdminCredentials.DEMO.header())
                        .status())
                .as("the demo's own admin is replaced by the configured one")
                .isEqualTo(401);
        assertThat(client.get("/api/admin/totals", "Authorization", "Basic !!!").status())
                .isEqualTo(401);

        HttpSessionClient signedIn = signedIn("not-an-admin-" + UUID.randomUUID(), "Browser/1");
        assertThat(signedIn.get("/api/admin/totals").status())
                .as("a user signed in without the admin role")
                .isEqualTo(401);

        assertThat(client.get("/api/admin/totals", admin()).status()).isEqualTo(200);
    }

    @Test
    void failedSignInsOfOneClientAreThrottledWithRetryAfterAndOtherClientsStillGetIn() {
        String[] client = {"X-Forwarded-For", "203.0.113." + (1 + (int) (Math.random() * 250))};
        HttpSessionClient visitor = server.visitor();
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(visitor.get(
                                    "/api/admin/totals",
                                    headers(
                                            client,
                                            OperationsServer.ADMIN
                                                    .withPassword("guess-" + attempt)
                                                    .header()))
                            .status())
                    .isEqualTo(401);
        }

        ApiResponse throttled = visitor.get("/api/admin/totals", headers(client, admin()));

        assertThat(throttled.status())
                .as("not checked, even with the right password")
                .isEqualTo(429);
        assertThat(throttled.firstHeader("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(throttled.json().getString("error")).contains("Too many failed sign-ins");
        assertThat(server.visitor().get("/api/admin/totals", admin()).status())
                .as("another client")
                .isEqualTo(200);
    }

    /**
     * Each attempt from a client of its own, so that none is throttled. The two kinds take turns, each first in
     * every other pair, so that a neighbour's load falls on both alike; and the fastest of each kind is compared,
     * since load only ever adds time. Without the decoy, an unknown user would be refused in milliseconds and a
     * wrong password after a PBKDF2 derivation of 600,000 rounds. That the decoy is checked at all is shown
     * exactly by AdminAccessTest; this shows it costs what the real hash costs.
     */
    @Test
    void anUnknownUserNameTakesAsLongAsAWrongPassword() {
        List<Long> wrongPasswordNs = new ArrayList<>();
        List<Long> unknownUserNs = new ArrayList<>();
        for (int pair = 0; pair < 3; pair++) {
            boolean wrongPasswordFirst = pair % 2 == 0;
            if (wrongPasswordFirst) {
                wrongPasswordNs.add(failedSignInNs(
                        OperationsServer.ADMIN.withPassword("wrong").header()));
            }
            unknownUserNs.add(failedSignInNs(new AdminCredentials("nobody-" + pair, "wrong").header()));
            if (!wrongPasswordFirst) {
                wrongPasswordNs.add(failedSignInNs(
                        OperationsServer.ADMIN.withPassword("wrong").header()));
            }
        }

        assertThat(Collections.min(unknownUserNs))
                .as("a PBKDF2 check too (unknown user: %s ns; wrong password: %s ns)", unknownUserNs, wrongPasswordNs)
                .isGreaterThan(Collections.min(wrongPasswordNs) / 3);
    }

    private static long failedSignInNs(String[] credentials) {
        String[] client = {"X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 250))};
        long startNs = System.nanoTime();
        ApiResponse refused = server.visitor().get("/api/admin/totals", headers(client, credentials));
        long elapsedNs = System.nanoTime() - startNs;
        assertThat(refused.status()).isEqualTo(401);
        return elapsedNs;
    }

    private static String[] headers(String[] first, String[] second) {
        String[] both = new String[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void listsAUsersLiveSessionsMostRecentlyUsedFirstInPages() throws Exception {
        String user = "lister-" + UUID.randomUUID();
        List<HttpSessionClient> devices = new ArrayList<>();
        for (int device = 1; device <= 3; device++) {
            Thread.sleep(20); // sessions created apart are ordered apart: times are in milliseconds
            devices.add(signedIn(user, "Device/" + device));
        }

        JsonObject all = adminGet("/api/admin/sessions?principal=" + user).json();

        assertThat(all.getInt("total")).isEqualTo(3);
        assertThat(all.getInt("page")).isZero();
        assertThat(all.getInt("size")).isEqualTo(50);
        assertThat(all.getJsonArray("sessions").getValuesAs(JsonObject.class))
                .extracting(session -> session.getString("userAgent"))
                .containsExactly("Device/3", "Device/2", "Device/1");
        for (JsonObject session : all.getJsonArray("sessions").getValuesAs(JsonObject.class)) {
            assertThat(session.getString("principal")).isEqualTo(user);
            assertThat(session.getString("principalFingerprint"))
                    .isEqualTo(Fingerprints.ofPrincipal(user, OperationsServer.SECRET));
            assertThat(session.getString("address")).isIn("127.0.0.0/24", "0:0:0::/48");
            assertThat(Instant.parse(session.getString("created")))
                    .isBefore(Instant.parse(session.getString("expires")));
            assertThat(Instant.parse(session.getString("lastAccessed"))).isNotNull();
        }
        assertThat(all.getJsonArray("sessions").getValuesAs(JsonObject.class))
                .extracting(session -> session.getString("fingerprint"))
                .containsExactly(fingerprint(devices.get(2)), fingerprint(devices.get(1)), fingerprint(devices.get(0)));
        for (HttpSessionClient device : devices) {
            String id = device.sessionId().orElseThrow();
            assertThat(all.toString()).doesNotContain(id).doesNotContain(StorageKeys.of(id));
        }

        JsonObject firstPage =
                adminGet("/api/admin/sessions?principal=" + user + "&size=2").json();
        JsonObject secondPage = adminGet("/api/admin/sessions?principal=" + user + "&size=2&page=1")
                .json();
        assertThat(firstPage.getInt("total")).isEqualTo(3);
        assertThat(fingerprints(firstPage)).containsExactly(fingerprint(devices.get(2)), fingerprint(devices.get(1)));
        assertThat(fingerprints(secondPage)).containsExactly(fingerprint(devices.get(0)));

        JsonObject everyone = adminGet("/api/admin/sessions?size=500").json();
        assertThat(everyone.getInt("total")).isGreaterThanOrEqualTo(3);
        assertThat(fingerprints(everyone)).contains(fingerprint(devices.get(0)));
    }

    @Test
    void detailShowsAttributeNamesAndSizesNeverTheirValues() {
        String secret = "confidential-" + UUID.randomUUID();
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem(secret, "User-Agent", "Detail/1").status()).isEqualTo(201);

        ApiResponse detail = adminGet("/api/admin/sessions/" + fingerprint(visitor));

        assertThat(detail.status()).isEqualTo(200);
        JsonObject session = detail.json();
        assertThat(session.getString("fingerprint")).isEqualTo(fingerprint(visitor));
        assertThat(session.isNull("principal")).isTrue();
        assertThat(session.getString("principalFingerprint")).isEqualTo("-");
        assertThat(session.getString("userAgent")).isEqualTo("Detail/1");
        List<JsonObject> attributes = session.getJsonArray("attributes").getValuesAs(JsonObject.class);
        assertThat(attributes).extracting(a -> a.getString("name")).contains("cart");
        assertThat(attributes).allSatisfy(a -> assertThat(a.getInt("bytes")).isPositive());
        assertThat(session.getJsonNumber("bytes").longValue())
                .isEqualTo(attributes.stream().mapToLong(a -> a.getInt("bytes")).sum());
        assertThat(detail.body())
                .doesNotContain(secret)
                .doesNotContain(visitor.sessionId().orElseThrow());
    }

    @Test
    void invalidatingOneSessionEndsItForItsVisitorAndLogsIt() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        String fingerprint = fingerprint(visitor);

        ApiResponse ended = server.visitor().delete("/api/admin/sessions/" + fingerprint, admin());

        assertThat(ended.status()).isEqualTo(204);
        assertThat(visitor.get("/api/cart").items()).as("the session is gone").isEmpty();
        assertThat(adminGet("/api/admin/sessions/" + fingerprint).status()).isEqualTo(404);
        assertThat(server.visitor()
                        .delete("/api/admin/sessions/" + fingerprint, admin())
                        .status())
                .isEqualTo(404);
        assertThat(server.log()).contains("session=" + fingerprint + " event=revoked principal=-");
    }

    @Test
    void loggingOutEverywhereEndsEverySessionOfOneUserAndNoOther() {
        String user = "everywhere-" + UUID.randomUUID();
        String other = "bystander-" + UUID.randomUUID();
        HttpSessionClient laptop = signedIn(user, "Laptop/1");
        HttpSessionClient phone = signedIn(user, "Phone/1");
        HttpSessionClient bystander = signedIn(other, "Laptop/1");

        ApiResponse ended = server.visitor().delete("/api/admin/sessions?principal=" + user, admin());

        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().getInt("invalidated")).isEqualTo(2);
        assertThat(ended.json().getString("principalFingerprint"))
                .isEqualTo(Fingerprints.ofPrincipal(user, OperationsServer.SECRET));
        assertThat(laptop.get("/api/session").json().isNull("username")).isTrue();
        assertThat(phone.get("/api/session").json().isNull("username")).isTrue();
        assertThat(bystander.get("/api/session").json().getString("username")).isEqualTo(other);
        assertThat(adminGet("/api/admin/sessions?principal=" + user).json().getInt("total"))
                .isZero();
        assertThat(server.log())
                .contains("event=revoked principal=" + Fingerprints.ofPrincipal(user, OperationsServer.SECRET));
    }

    @Test
    void totalsCountLiveSessionsExpiredOnesNotSweptYetAndBytes() throws Exception {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("pear").status()).isEqualTo(201);
        long sessionBytes = adminGet("/api/admin/sessions/" + fingerprint(visitor))
                .json()
                .getJsonNumber("bytes")
                .longValue();
        JsonObject before = adminGet("/api/admin/totals").json();
        assertThat(before.getJsonNumber("live").longValue()).isPositive();
        assertThat(before.getJsonNumber("bytes").longValue()).isGreaterThanOrEqualTo(sessionBytes);

        // the sweep may run between the two statements below: then try with another session
        JsonObject after = null;
        for (int attempt = 0; attempt < 3 && after == null; attempt++) {
            HttpSessionClient expiring = server.visitor();
            assertThat(expiring.addItem("plum").status()).isEqualTo(201);
            long live =
                    adminGet("/api/admin/totals").json().getJsonNumber("live").longValue();
            long expired = adminGet("/api/admin/totals")
                    .json()
                    .getJsonNumber("expired")
                    .longValue();
            OperationsServer.update(
                    server,
                    "UPDATE sessiondb_session SET expires_at_ms = 1, version = version + 1 WHERE id = ?",
                    StorageKeys.of(expiring.sessionId().orElseThrow()));
            JsonObject totals = adminGet("/api/admin/totals").json();
            if (totals.getJsonNumber("expired").longValue() == expired + 1) {
                assertThat(totals.getJsonNumber("live").longValue()).isEqualTo(live - 1);
                after = totals;
            }
        }
        assertThat(after)
                .as("an expired session counted before the sweep took it")
                .isNotNull();
    }

    @Test
    void badRequestsGetAClear4xx() {
        assertError(adminGet("/api/admin/sessions?size=0"), 400, "size must be a whole number from 1 to 500");
        assertError(adminGet("/api/admin/sessions?size=501"), 400, "size must be a whole number from 1 to 500");
        assertError(adminGet("/api/admin/sessions?size=ten"), 400, "was 'ten'");
        assertError(adminGet("/api/admin/sessions?page=-1"), 400, "page must be a whole number from 0");
        assertError(adminGet("/api/admin/sessions?pages=2"), 400, "unknown query parameter 'pages'");
        assertError(adminGet("/api/admin/sessions?size=1&size=2"), 400, "'size' is given more than once");
        assertError(adminGet("/api/admin/sessions?principal="), 400, "principal must not be blank");
        assertError(adminGet("/api/admin/sessions/abc"), 400, "is not a session fingerprint");
        assertError(adminGet("/api/admin/sessions/abc%25defg"), 400, "is not a session fingerprint");
        assertError(adminGet("/api/admin/sessions/AAAAAAAA"), 404, "No live session has the fingerprint AAAAAAAA");
        assertError(adminGet("/api/admin/totals?live=1"), 400, "this endpoint takes none");
        assertError(adminGet("/api/admin/sessions/AAAAAAAA/attributes"), 404, "No such admin endpoint");
        assertError(adminGet("/api/admin"), 404, "No such admin endpoint");
        assertError(server.visitor().delete("/api/admin/sessions", admin()), 400, "principal is required");
        ApiResponse post = server.visitor().post("/api/admin/sessions", admin());
        assertError(post, 405, "GET, DELETE");
        assertThat(post.firstHeader("Allow")).contains("GET, DELETE");
        assertError(server.visitor().delete("/api/admin/totals", admin()), 405, "GET only");
    }

    private static void assertError(ApiResponse response, int status, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().getString("error")).contains(message);
    }

    private static ApiResponse adminGet(String path) {
        return server.visitor().get(path, admin());
    }

    private static HttpSessionClient signedIn(String user, String userAgent) {
        return OperationsServer.signedIn(server, user, userAgent);
    }

    private static List<String> fingerprints(JsonObject page) {
        return page.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .map(session -> session.getJsonString("fingerprint"))
                .map(JsonString::getString)
                .toList();
    }
}
