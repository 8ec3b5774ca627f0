package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.SetCookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cookie options as an operator sets them, through environment variables: a persistent
 * {@code __Host-} cookie with {@code SameSite=Strict} and rolling expiry, behind a trusted proxy.
 */
class CookieOptionsIT {

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("CookieOptionsIT")
            .withEnv("SESSIONDB_COOKIE_HOST_PREFIX", "true")
            .withEnv("SESSIONDB_COOKIE_SAME_SITE", "Strict")
            .withEnv("SESSIONDB_COOKIE_MAX_AGE", "3600")
            .withEnv("SESSIONDB_COOKIE_ROLLING", "true")
            .withEnv("SESSIONDB_TRUSTED_PROXIES", "127.0.0.1/32,::1");

    @Test
    void persistentHostPrefixedStrictCookieIsRefreshedOnEveryResponse() {
        HttpSessionClient client = server.visitorWithoutCookies();

        ApiResponse first = client.addItem("apple", "X-Forwarded-Proto", "https");
        SetCookie issued = first.setCookies().stream()
                .filter(cookie -> cookie.name().equals("__Host-SESSIONDB"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no __Host-SESSIONDB cookie: " + first));
        assertThat(issued.has("Secure")).isTrue();
        assertThat(issued.attribute("Path")).contains("/");
        assertThat(issued.attribute("SameSite")).contains("Strict");
        assertThat(issued.attribute("Max-Age")).contains("3600");
        assertThat(issued.has("Domain")).isFalse();

        // the browser sends the cookie back under its prefixed name; rolling sends it again, unchanged
        List<String> cookie = List.of("Cookie", "__Host-SESSIONDB=" + issued.value());
        ApiResponse next = client.get("/api/cart", cookie.toArray(String[]::new));
        assertThat(next.items()).containsExactly("apple");
        assertThat(next.setCookies())
                .filteredOn(c -> c.name().equals("__Host-SESSIONDB"))
                .singleElement()
                .satisfies(refreshed -> {
                    assertThat(refreshed.value()).isEqualTo(issued.value());
                    assertThat(refreshed.attribute("Max-Age")).contains("3600");
                });
    }

    @Test
    void unprefixedCookieNameFindsNoSession() {
        HttpSessionClient client = server.visitorWithoutCookies();
        SetCookie issued = client.addItem("pear").setCookies().get(0);

        ApiResponse wrongName = client.get("/api/cart", "Cookie", "SESSIONDB=" + issued.value());

        assertThat(wrongName.items()).isEmpty();
    }
}
