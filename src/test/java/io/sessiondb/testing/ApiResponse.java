package io.sessiondb.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as the tests see it, through {@link HttpSessionClient}. Creating one asserts that the container's
 * own session never shows: no {@code JSESSIONID} cookie and no {@code ;jsessionid=} in any header.
 *
 * @param headers header names in lower case
 */
public record ApiResponse(int status, Map<String, List<String>> headers, String body) {

    public static final String SESSION_COOKIE = "SESSIONDB";

    private static final JsonReaderFactory JSON = JsonProvider.provider().createReaderFactory(Map.of());

    public ApiResponse {
        Map<String, List<String>> lowerCased = new TreeMap<>();
        headers.forEach((name, values) -> lowerCased
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values));
        headers = Map.copyOf(lowerCased);
        assertNoContainerSession(headers);
    }

    private static void assertNoContainerSession(Map<String, List<String>> headers) {
        headers.forEach((name, values) -> values.forEach(value -> assertThat(value.toLowerCase(Locale.ROOT))
                .as("header %s must not carry the container's session", name)
                .doesNotContain("jsessionid")));
    }

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public Optional<String> firstHeader(String name) {
        return header(name).stream().findFirst();
    }

    public List<SetCookie> setCookies() {
        return header("set-cookie").stream().map(SetCookie::parse).toList();
    }

    /** The last {@code SESSIONDB} cookie this response sets or clears, if any. */
    public Optional<SetCookie> sessionCookie() {
        List<SetCookie> ours = setCookies().stream()
                .filter(c -> c.name().equals(SESSION_COOKIE))
                .toList();
        return ours.isEmpty() ? Optional.empty() : Optional.of(ours.get(ours.size() - 1));
    }

    /** The session id this response hands out (a cookie that is set, not cleared). */
    public String issuedSessionId() {
        SetCookie cookie = sessionCookie()
                .filter(c -> !c.deletes())
                .orElseThrow(() -> new AssertionError("expected a new " + SESSION_COOKIE + " cookie, got " + this));
        return cookie.value();
    }

    public JsonObject json() {
        assertThat(firstHeader("content-type"))
                .as("content type of %s", this)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** The cart's items, from a cart response. */
    public List<String> items() {
        return json().getJsonArray("items").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + headers + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
    }
}
