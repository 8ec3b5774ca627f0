package io.sessiondb.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one HTTP client of the end-to-end and in-container tests: a visitor with a cookie jar, like a
 * browser, or without one, so that a test can send {@code Cookie} headers of its own. Built on {@link
 * HttpClient} (HTTP/1.1, no h2c upgrade muddling what the server sees). The base address is asked for on
 * every request, because a restarted server listens on a new port.
 *
 * <p>{@link #raw} sends bytes as they are, over a plain socket, for what {@link HttpClient} refuses to send: header values
 * outside printable ASCII or with control characters, request targets that are not valid URIs, and
 * restricted headers such as {@code Content-Length}.
 */
public final class HttpSessionClient {

    /** Long enough for a slow CI machine, short enough that a hanging server fails the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<URI> base;
    private final CookieManager jar;
    private final HttpClient http;

    private HttpSessionClient(Supplier<URI> base, CookieManager jar) {
        this.base = base;
        this.jar = jar;
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (jar != null) {
            builder.cookieHandler(jar);
        }
        this.http = builder.build();
    }

    /**
     * A browser-like visitor that stores and returns the cookies it is given.
     *
     * @param base the server's address, ending in {@code /}; request paths are resolved against it
     */
    public static HttpSessionClient withCookieJar(Supplier<URI> base) {
        return new HttpSessionClient(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    /** A visitor that sends only the {@code Cookie} headers a test passes in. */
    public static HttpSessionClient withoutCookies(Supplier<URI> base) {
        return new HttpSessionClient(base, null);
    }

    public ApiResponse get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public ApiResponse post(String path, String... headers) {
        return send("POST", path, null, null, headers);
    }

    public ApiResponse postJson(String path, String json, String... headers) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    public ApiResponse delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    /** {@code POST /api/cart/items} with {@code {"name": name}}. */
    public ApiResponse addItem(String name, String... headers) {
        return postJson("/api/cart/items", "{\"name\":\"" + name + "\"}", headers);
    }

    /**
     * Any request {@link HttpClient} will send.
     *
     * @param contentType null for none
     * @param body null for none
     * @param headers names and values, alternating; each replaces a default header of that name
     * @throws UncheckedIOException when no response comes (its cause tells a refused connection)
     */
    public ApiResponse send(String method, String path, String contentType, byte[] body, String... headers) {
        try {
            HttpResponse<String> response =
                    http.send(request(method, path, contentType, body, headers), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a GET and returns at once; the future completes with the whole response. */
    public CompletableFuture<ApiResponse> getAsync(String path) {
        return http.sendAsync(request("GET", path, null, null), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new ApiResponse(r.statusCode(), r.headers().map(), r.body()));
    }

    /** Sends a GET and returns at once; the future completes with the status as soon as the headers arrive. */
    public CompletableFuture<Integer> getStatusBeforeTheBodyEnds(String path) {
        return http.sendAsync(request("GET", path, null, null), HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    try (InputStream body = response.body()) {
                        return response.statusCode(); // closing the body early drops the connection
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /**
     * Sends a request byte for byte over a new connection, with {@code Host}, {@code Accept:
     * application/json}, {@code Connection: close} and, with a body, its {@code Content-Length}; the cookie
     * jar plays no part.
     *
     * @param target the request target as sent, valid URI or not
     * @param headerLines further header lines, each ending in CRLF; any bytes but CR and LF
     * @param body null for none
     */
    public ApiResponse raw(String method, String target, byte[] headerLines, byte[] body) {
        return RawExchange.send(base.get(), method, target, headerLines, body);
    }

    /** The whole session cookie value in this visitor's jar, if it holds one: the id, a dot and its signature. */
    public Optional<String> cookieValue() {
        if (jar == null) {
            return Optional.empty();
        }
        return jar.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(ApiResponse.SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** The session id in this visitor's jar, without its signature. */
    public Optional<String> sessionId() {
        return cookieValue().map(value -> value.contains(".") ? value.substring(0, value.indexOf('.')) : value);
    }

    /** Replaces the jar's session cookie, as a client replaying an old or forged one would. */
    public void useCookieValue(String value) {
        jar.getCookieStore().removeAll();
        HttpCookie cookie = new HttpCookie(ApiResponse.SESSION_COOKIE, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        jar.getCookieStore().add(base.get(), cookie);
    }

    /** A {@code Cookie} header naming this session cookie value, for {@link #withoutCookies} visitors. */
    public static String[] sessionCookieHeader(String cookieValue) {
        return new String[] {"Cookie", ApiResponse.SESSION_COOKIE + "=" + cookieValue};
    }

    /** The address {@code path} resolves to, for a test that hands it to another tool (a browser). */
    public URI uri(String path) {
        return base.get().resolve(path);
    }

    private HttpRequest request(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        // the test's headers replace the defaults above (an Accept of its own, say)
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder.build();
    }
}
