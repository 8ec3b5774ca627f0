package io.sessiondb.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A visitor of the demo API over {@link HttpClient}: with a real cookie jar (like a browser), or without
 * one, so that a test can send a {@code Cookie} header of its own. The server's address is looked up on
 * every request, because a restarted server listens on a new port.
 */
public final class ApiClient {

    /** Long enough for a slow CI machine, short enough that a hanging server fails the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PayaraMicroServer server;
    private final CookieManager jar;
    private final HttpClient http;

    private ApiClient(PayaraMicroServer server, CookieManager jar) {
        this.server = server;
        this.jar = jar;
        HttpClient.Builder builder = HttpClient.newBuilder()
                // plain HTTP/1.1: no h2c upgrade attempt muddling what the server sees
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (jar != null) {
            builder.cookieHandler(jar);
        }
        this.http = builder.build();
    }

    /** A browser-like visitor that stores and returns the cookies it is given. */
    public static ApiClient withCookieJar(PayaraMicroServer server) {
        return new ApiClient(server, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    /** A visitor that sends only the {@code Cookie} headers a test passes in. */
    public static ApiClient withoutCookies(PayaraMicroServer server) {
        return new ApiClient(server, null);
    }

    public ApiResponse get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public ApiResponse postJson(String path, String json, String... headers) {
        return send(request(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public ApiResponse post(String path, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public ApiResponse delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public ApiResponse addItem(String name, String... headers) {
        return postJson("/api/cart/items", "{\"name\":\"" + name + "\"}", headers);
    }

    /** The session id in this visitor's cookie jar, if it holds one. */
    public Optional<String> sessionId() {
        if (jar == null) {
            return Optional.empty();
        }
        return jar.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(ApiResponse.SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** A {@code Cookie} header naming this session id, for {@link #withoutCookies} clients. */
    public static String[] sessionCookieHeader(String sessionId) {
        return new String[] {"Cookie", ApiResponse.SESSION_COOKIE + "=" + sessionId};
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
