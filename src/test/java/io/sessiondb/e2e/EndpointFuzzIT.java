package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import jakarta.json.JsonObject;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Every endpoint, static file and some paths that are none, with every method, content type and kind of
 * body, against the server of the default configuration: no request gets a 5xx other than a 501 for a
 * method the container does not implement, and none touches another visitor's session. The combinations
 * come from a fixed seed, so a failure can be replayed.
 */
@ExtendWith(DefaultConfigurationServer.class)
@ResourceLock(DefaultConfigurationServer.LOCK)
class EndpointFuzzIT {

    private static final long SEED = 20261130L;
    private static final int RANDOM_REQUESTS = 300;

    private static final List<String> METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROBNICATE");
    /** Methods the server implements; for the others (PATCH outside JAX-RS, TRACE, which Payara turns off) it may answer 501. */
    private static final Set<String> IMPLEMENTED = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

    private static final List<String> ENDPOINTS = List.of(
            "/api/session",
            "/api/cart",
            "/api/cart/items",
            "/api/cart/items/apple",
            "/api/cart/items/%20",
            "/api/login",
            "/api/logout");
    private static final List<String> PATHS = List.of(
            "/",
            "/index.html",
            "/app.js",
            "/health",
            "/health/ready",
            "/health/live",
            "/api",
            "/api/",
            "/api/no-such-resource",
            "/no/such/page",
            "/api//cart",
            "/./api/cart",
            "/api/cart/items/a/b",
            "/api/cart/items/%2e%2e",
            "/api/cart/items/..%2F..%2FWEB-INF%2Fweb.xml",
            "/api/../WEB-INF/web.xml",
            "/WEB-INF/web.xml",
            "/api/session;jsessionid=0123456789ABCDEF",
            "/api/cart?name=%00&x=%E2%9C%93",
            "/api/cart/items/" + "x".repeat(3_000));
    /** Request targets that are no valid URI, sent over the client's raw path. */
    private static final List<String> RAW_TARGETS =
            List.of("*", "/%ZZ", "/api/cart/items/%", "/api/cart/items/\u00fc\u2713", "/api/<script>");

    private static final List<String> CONTENT_TYPES = new ArrayList<>();

    static {
        CONTENT_TYPES.addAll(List.of(
                "application/json",
                "application/json; charset=UTF-8",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "}{;;==,"));
        CONTENT_TYPES.add(null); // none
    }

    private static PayaraMicroServer server;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void noRequestGetsA5xxOrTouchesAnotherVisitorsSession() {
        HttpSessionClient bystander = server.visitor();
        assertThat(bystander.addItem("apple").status()).isEqualTo(201);
        assertThat(bystander.addItem("pear").status()).isEqualTo(201);
        assertThat(bystander
                        .postJson("/api/login", "{\"username\":\"bystander\"}")
                        .status())
                .isEqualTo(200);
        String bystanderCookie = bystander.cookieValue().orElseThrow();
        JsonObject before = bystander.get("/api/session").json();

        Random random = new Random(SEED);
        HttpSessionClient fuzzer = server.visitor();
        List<byte[]> bodies = bodies(random);
        int sent = 0;
        for (String method : METHODS) {
            for (String path : allPaths()) {
                send(fuzzer, method, path, pick(random, CONTENT_TYPES), pick(random, bodies));
                sent++;
            }
        }
        for (String path : ENDPOINTS) {
            for (String contentType : CONTENT_TYPES) {
                for (byte[] body : bodies) {
                    send(fuzzer, "POST", path, contentType, body);
                    sent++;
                }
            }
        }
        for (int i = 0; i < RANDOM_REQUESTS; i++) {
            List<String> paths = random.nextBoolean() ? ENDPOINTS : allPaths();
            send(fuzzer, pick(random, METHODS), pick(random, paths), pick(random, CONTENT_TYPES), pick(random, bodies));
            sent++;
        }

        ApiResponse after = bystander.get("/api/session");
        assertThat(after.sessionCookie()).as("the bystander keeps its cookie").isEmpty();
        assertThat(bystander.cookieValue()).contains(bystanderCookie);
        assertThat(after.json().getInt("visits"))
                .as("only the bystander's own request counted, of %d others", sent)
                .isEqualTo(before.getInt("visits") + 1);
        assertThat(after.json().getJsonNumber("startDate")).isEqualTo(before.getJsonNumber("startDate"));
        assertThat(after.json().getString("username")).isEqualTo("bystander");
        assertThat(after.json().getJsonArray("attributeNames")).isEqualTo(before.getJsonArray("attributeNames"));
        assertThat(bystander.get("/api/cart").items()).containsExactly("apple", "pear");
    }

    /** Sends one request, through {@link java.net.http.HttpClient} when it can, and checks its status. */
    private static void send(HttpSessionClient fuzzer, String method, String path, String contentType, byte[] body) {
        String what = method + " " + abbreviated(path) + " (" + contentType + ", " + body.length + " bytes)";
        ApiResponse response;
        if (RAW_TARGETS.contains(path)) {
            String headers = (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + fuzzer.cookieValue()
                            .map(c -> "Cookie: SESSIONDB=" + c + "\r\n")
                            .orElse("");
            response = fuzzer.raw(method, path, headers.getBytes(StandardCharsets.UTF_8), body);
        } else {
            try {
                response = fuzzer.send(method, path, contentType, body);
            } catch (UncheckedIOException e) {
                // the server may close a kept-alive connection after a request whose body it did not read;
                // java.net.http then fails the next request on it without resending: send it once more
                response = fuzzer.send(method, path, contentType, body);
            }
        }
        if (response.status() == 501) {
            // Payara's own health servlet implements GET only
            assertThat(!IMPLEMENTED.contains(method) || path.startsWith("/health"))
                    .as("501 for %s: %s", what, response)
                    .isTrue();
        } else {
            assertThat(response.status()).as("%s: %s", what, response).isLessThan(500);
        }
    }

    private static List<String> allPaths() {
        List<String> all = new ArrayList<>(ENDPOINTS);
        all.addAll(PATHS);
        all.addAll(RAW_TARGETS);
        return all;
    }

    private static List<byte[]> bodies(Random random) {
        List<byte[]> bodies = new ArrayList<>();
        for (String json : List.of(
                "{\"name\":\"plum\"}",
                "{\"username\":\"mallory\"}",
                "{\"name\":\"..\",\"username\":\"\"}",
                "[]",
                "null",
                "\"plum\"",
                "1",
                "true",
                "{\"name\":",
                "{",
                "",
                "name=plum&username=mallory",
                "{\"name\":\"" + "n".repeat(70_000) + "\"}")) {
            bodies.add(json.getBytes(StandardCharsets.UTF_8));
        }
        byte[] binary = new byte[512];
        random.nextBytes(binary);
        bodies.add(binary);
        return bodies;
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String abbreviated(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }
}
