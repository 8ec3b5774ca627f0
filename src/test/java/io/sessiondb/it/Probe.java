package io.sessiondb.it;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Calls of {@link SessionProbeServlet} by one visitor with its own cookie jar, through {@link HttpSessionClient}. */
public final class Probe {

    private final HttpSessionClient http;
    /** The user the next requests are signed in as (see {@link HeaderAuthenticationMechanism}), or null. */
    private String user;

    public Probe(URL base) {
        URI uri = URI.create(base.toString());
        this.http = HttpSessionClient.withCookieJar(() -> uri);
    }

    /** Calls {@code /probe?op=...&k=v...} and returns the response. */
    public ApiResponse call(String op, String... keyValues) {
        return user == null
                ? http.get(path(op, keyValues))
                : http.get(path(op, keyValues), HeaderAuthenticationMechanism.USER_HEADER, user);
    }

    /** Sends {@code op} and returns at once; the future completes with the response. */
    public CompletableFuture<ApiResponse> callAsync(String op, String... keyValues) {
        return http.getAsync(path(op, keyValues));
    }

    /** Sends {@code op} and returns at once; the future completes with the status once the headers arrive. */
    public CompletableFuture<Integer> statusBeforeTheBodyEnds(String op, String... keyValues) {
        return http.getStatusBeforeTheBodyEnds(path(op, keyValues));
    }

    /** Signs the next requests in as this user; null makes them anonymous again. */
    public void signInAs(String user) {
        this.user = user;
    }

    /** Calls {@code /cdi-probe?op=...&k=v...} ({@link CdiProbeServlet}) and returns its 200 answer. */
    public String cdi(String op, String... keyValues) {
        ApiResponse response = http.get(path("cdi-probe", op, keyValues));
        if (response.status() != 200) {
            throw new AssertionError("HTTP " + response.status() + " for CDI " + op + ": " + response.body());
        }
        return response.body();
    }

    public String body(String op, String... keyValues) {
        ApiResponse response = call(op, keyValues);
        if (response.status() != 200) {
            throw new AssertionError("HTTP " + response.status() + " for " + op + ": " + response.body());
        }
        return response.body();
    }

    /** The {@code key=value} lines of {@code op=info}. */
    public Map<String, String> info() {
        return body("info")
                .lines()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    /** The session id in the cookie this client holds (the part before the signature), if any. */
    public Optional<String> sessionCookie() {
        return http.sessionId();
    }

    /** The whole session cookie value this client holds: the id, a dot and its signature. */
    public Optional<String> sessionCookieValue() {
        return http.cookieValue();
    }

    /** Replaces the session cookie, as a client replaying an old or forged id would. */
    public void useSessionCookie(String value) {
        http.useCookieValue(value);
    }

    private static String path(String op, String... keyValues) {
        return path("probe", op, keyValues);
    }

    private static String path(String servlet, String op, String... keyValues) {
        StringBuilder query = new StringBuilder(servlet).append("?op=").append(op);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            query.append('&').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        return query.toString();
    }
}
