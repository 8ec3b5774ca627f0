package io.sessiondb.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A client with its own cookie jar, calling {@link SessionProbeServlet} over real HTTP. */
public final class Probe {

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    /** The user the next requests are signed in as (see {@link HeaderAuthenticationMechanism}), or null. */
    private String user;

    public Probe(URL base) {
        this.base = URI.create(base.toString());
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Calls {@code /probe?op=...&k=v...} and returns the response. */
    public HttpResponse<String> call(String op, String... keyValues) {
        StringBuilder query = new StringBuilder("probe?op=").append(op);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            query.append('&').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(query.toString())).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header(HeaderAuthenticationMechanism.USER_HEADER, user);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID"))) {
                throw new AssertionError("The container created its own session: " + response.headers());
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + op, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Signs the next requests in as this user; null makes them anonymous again. */
    public void signInAs(String user) {
        this.user = user;
    }

    public String body(String op, String... keyValues) {
        HttpResponse<String> response = call(op, keyValues);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " for " + op + ": " + response.body());
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
        return sessionCookieValue().map(value -> value.contains(".") ? value.substring(0, value.indexOf('.')) : value);
    }

    /** The whole session cookie value this client holds: the id, a dot and its signature. */
    public Optional<String> sessionCookieValue() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("SESSIONDB"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Replaces the session cookie, as a client replaying an old or forged id would. */
    public void useSessionCookie(String value) {
        cookies.getCookieStore().removeAll();
        HttpCookie cookie = new HttpCookie("SESSIONDB", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(base, cookie);
    }

    public HttpClient client() {
        return client;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }
}
