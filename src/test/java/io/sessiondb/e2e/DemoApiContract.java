package io.sessiondb.e2e;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.SetCookie;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo API end-to-end: what the packaged WAR answers over real HTTP, with real cookies. A subclass
 * says which server runs it ({@link #server()}); each runs these tests unchanged. One test restarts the
 * server.
 */
public abstract class DemoApiContract {

    // a 43-character id, a dot and its 43-character HMAC
    private static final String ID_PATTERN = "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}";

    /** The server under test, running the packaged WAR at the context root. */
    protected abstract DemoServer server();

    @Test
    void concurrentRequestsOfOneSessionLoseNoVisit() throws Exception {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        int concurrent = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiResponse>> reads = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                reads.add(pool.submit(() -> visitor.get("/api/cart")));
            }
            for (Future<ApiResponse> read : reads) {
                assertThat(read.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        // counted on the node, written in batches meanwhile: none lost to the others
        assertThat(visitor.get("/api/session").json().getInt("visits")).isEqualTo(concurrent + 2);
    }

    @Test
    void concurrentAddsToOneSessionLoseNoItem() throws Exception {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.addItem("first").status()).isEqualTo(201);
        int concurrent = 20;
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<ApiResponse>> adds = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                String item = "item-" + i;
                adds.add(pool.submit(() -> visitor.addItem(item)));
            }
            for (Future<ApiResponse> add : adds) {
                assertThat(add.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }

        // the requests share one session object on the node, as container sessions do: every add is kept
        assertThat(visitor.get("/api/cart").items()).hasSize(concurrent + 1).contains("first", "item-0", "item-19");
    }

    @Test
    void visitsCountUpAcrossRequestsWithOneCookieJar() {
        HttpSessionClient visitor = server().visitor();

        ApiResponse first = visitor.get("/api/session");
        assertThat(first.status()).isEqualTo(200);
        String id = first.issuedSessionId();
        assertThat(id).matches(ID_PATTERN);
        JsonObject firstJson = first.json();
        assertThat(firstJson.getInt("visits")).isEqualTo(1);
        assertThat(firstJson.getInt("maxInactiveInterval")).isEqualTo(1800);
        assertThat(firstJson.isNull("username")).isTrue();

        JsonObject second = visitor.get("/api/session").json();
        // the visit tracker counts every request, not only API calls
        assertThat(visitor.get("/app.js").status()).isEqualTo(200);
        ApiResponse fourth = visitor.get("/api/session");

        assertThat(second.getInt("visits")).isEqualTo(2);
        assertThat(fourth.json().getInt("visits")).isEqualTo(4);
        assertThat(fourth.json().getJsonNumber("startDate").longValue())
                .isEqualTo(firstJson.getJsonNumber("startDate").longValue());
        assertThat(fourth.json().getJsonNumber("lastRequestDate").longValue())
                .isGreaterThanOrEqualTo(second.getJsonNumber("lastRequestDate").longValue());
        assertThat(fourth.json().getJsonArray("attributeNames").toString())
                .contains("\"startDate\"", "\"lastRequestDate\"", "\"visits\"");
        // the client already holds the id: it is not sent again
        assertThat(fourth.sessionCookie()).isEmpty();
        assertThat(visitor.cookieValue()).contains(id);
    }

    @Test
    void cartAddListAndRemovePersistAcrossRequests() {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.get("/api/cart").items()).isEmpty();

        ApiResponse added = visitor.addItem("apple");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.items()).containsExactly("apple");
        assertThat(visitor.addItem("green pear").items()).containsExactly("apple", "green pear");
        assertThat(visitor.addItem("apple").items()).containsExactly("apple", "green pear", "apple");

        assertThat(visitor.get("/api/cart").items()).containsExactly("apple", "green pear", "apple");

        ApiResponse removed = visitor.delete("/api/cart/items/green%20pear");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.items()).containsExactly("apple", "apple");
        assertThat(visitor.delete("/api/cart/items/apple").items()).containsExactly("apple");
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");

        ApiResponse absent = visitor.delete("/api/cart/items/banana");
        assertThat(absent.status()).isEqualTo(404);
        assertThat(absent.json().getString("error")).contains("banana");
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
    }

    @Test
    void addingAnItemWithoutANameIsRejectedWithAJsonError() {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);

        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":null}", "{\"name\":42}")) {
            ApiResponse rejected = visitor.postJson("/api/cart/items", body);
            assertThat(rejected.status()).as("POST %s", body).isEqualTo(400);
            assertThat(rejected.json().getString("error")).as("POST %s", body).isNotBlank();
        }
        ApiResponse malformed = visitor.postJson("/api/cart/items", "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("error")).isNotBlank();

        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[]", "[{\"name\":\"apple\"}]", "null", "\"apple\"", "1", "true"})
    void jsonThatIsNotAnObjectIsRejectedLikeMalformedJson(String body) {
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);

        for (String path : List.of("/api/cart/items", "/api/login")) {
            ApiResponse rejected = visitor.postJson(path, body);

            assertThat(rejected.status())
                    .as("POST %s %s: %s", path, body, rejected)
                    .isEqualTo(400);
            assertThat(rejected.json().getString("error")).startsWith("request body must be a JSON object: ");
        }
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
        assertThat(visitor.get("/api/session").json().isNull("username")).isTrue();
    }

    @Test
    void cartAndCdiBeansSurviveServerRestart() {
        HttpSessionClient visitor = server().visitor();
        visitor.addItem("apple");
        visitor.addItem("pear");
        assertThat(visitor.post("/api/counter").json().getInt("count")).isEqualTo(1);
        assertThat(visitor.post("/api/counter").json().getInt("count")).isEqualTo(2);
        String cid = visitor.post("/api/wizard").json().getString("cid");
        assertThat(steps(visitor.postJson("/api/wizard/steps?cid=" + cid, "{\"step\": \"address\"}")))
                .containsExactly("address");
        String id = visitor.cookieValue().orElseThrow();
        int visitsBefore = visitor.get("/api/session").json().getInt("visits");
        int portBefore = server().port();

        // straight after the last write: a clean shutdown must not lose it
        server().restart();

        assertThat(server().port()).isNotEqualTo(portBefore); // so the cookie, not a kept connection, carries over
        ApiResponse cart = visitor.get("/api/cart");
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.items()).containsExactly("apple", "pear");
        assertThat(cart.sessionCookie()).as("the old cookie is accepted as is").isEmpty();
        assertThat(visitor.post("/api/counter").json().getInt("count"))
                .as("the @SessionScoped bean")
                .isEqualTo(3);
        ApiResponse wizard = visitor.postJson("/api/wizard/steps?cid=" + cid, "{\"step\": \"payment\"}");
        assertThat(wizard.status()).as("%s", wizard).isEqualTo(200);
        assertThat(steps(wizard))
                .as("the @ConversationScoped bean of conversation %s", cid)
                .containsExactly("address", "payment");
        ApiResponse session = visitor.get("/api/session");
        assertThat(session.json().getInt("visits")).isEqualTo(visitsBefore + 4);
        assertThat(visitor.cookieValue()).contains(id);
    }

    private static List<String> steps(ApiResponse wizard) {
        return wizard.json().getJsonArray("steps").getValuesAs(JsonString::getString);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        HttpSessionClient visitor = server().visitor();
        visitor.addItem("apple");
        visitor.postJson("/api/login", "{\"username\":\"bob\"}");
        String id = visitor.cookieValue().orElseThrow();

        ApiResponse logout = visitor.post("/api/logout");

        assertThat(logout.status()).isEqualTo(204);
        SetCookie cleared = logout.sessionCookie().orElseThrow(() -> new AssertionError("no cookie in " + logout));
        assertThat(cleared.deletes()).as("%s clears the cookie", cleared).isTrue();
        assertThat(cleared.value()).isEmpty();
        assertThat(cleared.attribute("path")).contains("/");
        assertThat(visitor.cookieValue()).isEmpty();

        ApiResponse next = visitor.get("/api/session");
        assertThat(next.json().getInt("visits")).isEqualTo(1);
        assertThat(next.json().isNull("username")).isTrue();
        assertThat(next.issuedSessionId()).isNotEqualTo(id);
        assertThat(visitor.get("/api/cart").items()).isEmpty();

        // a client that kept the old cookie anyway finds nothing behind it
        HttpSessionClient replay = server().visitorWithoutCookies();
        ApiResponse replayed = replay.get("/api/cart", sessionCookieHeader(id));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.items()).isEmpty();
        assertThat(replayed.issuedSessionId()).isNotEqualTo(id);
    }

    @Test
    void loginRotatesTheSessionIdKeepsTheCartAndRetiresTheOldId() {
        HttpSessionClient visitor = server().visitor();
        String before = visitor.addItem("apple").issuedSessionId();

        ApiResponse login = visitor.postJson("/api/login", "{\"username\":\"alice\"}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().getString("username")).isEqualTo("alice");
        String after = login.issuedSessionId();
        assertThat(after).matches(ID_PATTERN).isNotEqualTo(before);
        assertThat(visitor.cookieValue()).contains(after);
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
        assertThat(visitor.get("/api/session").json().getString("username")).isEqualTo("alice");

        // whoever still holds the pre-login id (a fixated or stolen cookie) gets a fresh, empty session; within
        // the rotation grace window it comes without a cookie, which could replace the browser's new one
        HttpSessionClient attacker = server().visitorWithoutCookies();
        ApiResponse stale = attacker.get("/api/session", sessionCookieHeader(before));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().getInt("visits")).isEqualTo(1);
        assertThat(stale.json().isNull("username")).isTrue();
        assertThat(stale.setCookies()).isEmpty();
        ApiResponse staleCart = attacker.get("/api/cart", sessionCookieHeader(before));
        assertThat(staleCart.items()).isEmpty();

        // and the logged-in session was not disturbed by that
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteLaxPathRootAndNotSecureOnPlainHttp() {
        ApiResponse response = server().visitorWithoutCookies().get("/api/session");

        List<SetCookie> ours = response.setCookies().stream()
                .filter(c -> c.name().equals(ApiResponse.SESSION_COOKIE))
                .toList();
        assertThat(ours).hasSize(1);
        SetCookie cookie = ours.get(0);
        assertThat(cookie.value()).matches(ID_PATTERN);
        assertThat(cookie.has("HttpOnly")).as("%s", cookie).isTrue();
        assertThat(cookie.attribute("SameSite")).as("%s", cookie).hasValueSatisfying(v -> assertThat(v)
                .isEqualToIgnoringCase("Lax"));
        assertThat(cookie.attribute("Path")).as("%s", cookie).contains("/");
        assertThat(cookie.has("Secure")).as("%s", cookie).isFalse();
        // a browser-session cookie: it ends when the browser closes
        assertThat(cookie.has("Max-Age") || cookie.has("Expires"))
                .as("%s", cookie)
                .isFalse();
    }

    @Test
    void noResponseCarriesTheContainersSessionCookie() {
        // ApiResponse asserts this on every response of the class; these paths cover what the other tests
        // do not reach: the welcome page, static files, unknown paths and the container's error page
        HttpSessionClient visitor = server().visitor();
        assertThat(visitor.get("/").status()).isEqualTo(200);
        assertThat(visitor.get("/index.html").status()).isEqualTo(200);
        assertThat(visitor.get("/no/such/page").status()).isEqualTo(404);
        assertThat(visitor.get("/api/no-such-resource").status()).isEqualTo(404);
        assertThat(visitor.postJson("/api/session", "{}").status()).isEqualTo(405);
        ApiResponse session = visitor.get("/api/session");
        assertThat(session.json().getInt("visits")).isEqualTo(6);
        assertThat(session.json().getJsonArray("attributeNames").toString()).doesNotContainIgnoringCase("jsession");
    }

    /**
     * Cookies the server never issued. Each must be answered below 500 and, when answered, with a fresh
     * session under a new id. Sent over the raw path of the client, as some are bytes {@link
     * java.net.http.HttpClient} refuses to put in a header.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageCookieGetsAFreshSession(String label, byte[] cookieHeader, List<String> sentValues) {
        ApiResponse response = sendCookie(cookieHeader);

        assertThat(response.status()).as("%s", response).isLessThan(500);
        if (response.status() == 200) {
            assertThat(response.json().getInt("visits")).isEqualTo(1);
            assertThat(response.json().isNull("username")).isTrue();
            String issued = response.issuedSessionId();
            assertThat(issued).matches(ID_PATTERN);
            assertThat(sentValues).doesNotContain(issued);
        }
    }

    @Test
    void garbageCookiesLeaveOtherSessionsAloneAndTheServerWorking() {
        HttpSessionClient bystander = server().visitor();
        assertThat(bystander.addItem("apple").status()).isEqualTo(201);

        garbage().forEach(arguments -> sendCookie((byte[]) arguments.get()[1]));

        assertThat(bystander.get("/api/cart").items()).containsExactly("apple");
        HttpSessionClient newcomer = server().visitor();
        assertThat(newcomer.addItem("pear").status()).isEqualTo(201);
        assertThat(newcomer.get("/api/cart").items()).containsExactly("pear");
        assertThat(newcomer.get("/api/session").json().getInt("visits")).isEqualTo(3);
    }

    private ApiResponse sendCookie(byte[] cookieHeader) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes("Cookie: ".getBytes(StandardCharsets.US_ASCII));
        header.writeBytes(cookieHeader);
        header.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return server().visitorWithoutCookies().raw("GET", "/api/session", header.toByteArray(), null);
    }

    static Stream<Arguments> garbage() {
        String unknownId = newLookingId();
        String otherUnknownId = newLookingId();
        String longValue = "A".repeat(4000);
        String sqlTautology = "' OR '1'='1";
        String sqlDrop = "x'; DROP TABLE sessiondb_session; --";
        String unicode = "ünïcødé✓";
        byte[] randomBytes = new byte[256];
        new Random(20240501L).nextBytes(randomBytes);
        for (int i = 0; i < randomBytes.length; i++) {
            if (randomBytes[i] == '\r' || randomBytes[i] == '\n') {
                randomBytes[i] = 'x'; // would end the header, which is a different test
            }
        }
        List<Arguments> cases = new ArrayList<>();
        cases.add(cookie("empty value", "SESSIONDB=", ""));
        cases.add(cookie("no value at all", "SESSIONDB", ""));
        cases.add(cookie("4000 characters", "SESSIONDB=" + longValue, longValue));
        cases.add(cookie("SQL tautology", "SESSIONDB=" + sqlTautology, sqlTautology));
        cases.add(cookie("SQL drop table", "SESSIONDB=" + sqlDrop, sqlDrop));
        cases.add(Arguments.of(
                "non-ASCII UTF-8 bytes", ("SESSIONDB=" + unicode).getBytes(StandardCharsets.UTF_8), List.of(unicode)));
        cases.add(cookie("well-formed but unknown id", "SESSIONDB=" + unknownId, unknownId));
        cases.add(cookie("quoted unknown id", "SESSIONDB=\"" + unknownId + "\"", unknownId));
        cases.add(cookie(
                "several cookies of the same name",
                "SESSIONDB=" + unknownId + "; SESSIONDB=" + otherUnknownId + "; SESSIONDB=junk",
                unknownId,
                otherUnknownId,
                "junk"));
        // Grizzly answers 400 itself to any header byte outside printable ASCII, so the application
        // only ever parses printable garbage: send some of that too
        byte[] printable = new byte[256];
        Random random = new Random(20240502L);
        for (int i = 0; i < printable.length; i++) {
            printable[i] = (byte) (0x20 + random.nextInt(0x7f - 0x20));
        }
        cases.add(Arguments.of("random bytes", randomBytes, List.of()));
        cases.add(Arguments.of("random printable ASCII", printable, List.of()));
        cases.add(Arguments.of(
                "random printable ASCII as the value",
                ("SESSIONDB=" + new String(printable, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII),
                List.of(new String(printable, StandardCharsets.US_ASCII))));
        return cases.stream();
    }

    private static Arguments cookie(String label, String header, String... sentValues) {
        return Arguments.of(label, header.getBytes(StandardCharsets.US_ASCII), List.of(sentValues));
    }

    private static String newLookingId() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
