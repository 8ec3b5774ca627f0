package io.sessiondb.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.config.TestConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SessionCookiesTest {

    private SessionCookies cookies;
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    @BeforeEach
    void configure() {
        use(Map.of());
        when(request.getContextPath()).thenReturn("");
    }

    private Cookie written() {
        ArgumentCaptor<Cookie> cookie = ArgumentCaptor.forClass(Cookie.class);
        verify(response).addCookie(cookie.capture());
        return cookie.getValue();
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteLaxOnTheRootPathWithoutMaxAge() {
        String id = SessionIds.generate();
        cookies.write(request, response, id);

        Cookie cookie = written();
        assertThat(cookie.getName()).isEqualTo("MYAPP");
        assertThat(cookie.getValue()).startsWith(id + ".");
        assertThat(cookies.verifiedId(cookie.getValue())).contains(id);
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(cookie.getSecure()).isFalse();
        assertThat(cookie.getMaxAge()).isEqualTo(-1);
    }

    @Test
    void cookieIsSecureOnASecureRequestAndScopedToTheContextPath() {
        when(request.isSecure()).thenReturn(true);
        when(request.getContextPath()).thenReturn("/shop");

        cookies.write(request, response, SessionIds.generate());

        assertThat(written().getSecure()).isTrue();
        assertThat(written().getPath()).isEqualTo("/shop");
    }

    @Test
    void clearingExpiresTheCookieNow() {
        cookies.clear(request, response);

        assertThat(written().getMaxAge()).isZero();
        assertThat(written().getValue()).isEmpty();
    }

    @Test
    void onlyTheConfiguredNameIsRead() {
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", "other"), new Cookie("MYAPP", "mine")});

        assertThat(cookies.requestedValue(request)).contains("mine");
    }

    /** The cookie named MYAPP, with these settings besides. */
    private void use(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("sessiondb.cookie.name", "MYAPP");
        settings.put("sessiondb.secrets", "a-secret-of-at-least-32-characters-xx");
        cookies = TestCookies.of(TestConfig.settings(settings));
    }

    @Test
    void forwardedHttpsMakesTheCookieSecureOnlyFromATrustedProxy() {
        use(Map.of("sessiondb.trusted-proxies", "10.0.0.0/8"));
        when(request.getHeader("X-Forwarded-Proto")).thenReturn("https");

        when(request.getRemoteAddr()).thenReturn("10.1.2.3");
        cookies.write(request, response, SessionIds.generate());
        when(request.getRemoteAddr()).thenReturn("203.0.113.9");
        cookies.write(request, response, SessionIds.generate());

        ArgumentCaptor<Cookie> written = ArgumentCaptor.forClass(Cookie.class);
        verify(response, org.mockito.Mockito.times(2)).addCookie(written.capture());
        assertThat(written.getAllValues()).extracting(Cookie::getSecure).containsExactly(true, false);
    }

    @Test
    void secureTrueAndFalseOverrideTheRequest() {
        use(Map.of("sessiondb.cookie.secure", "true"));
        cookies.write(request, response, SessionIds.generate());
        assertThat(written().getSecure()).isTrue();
    }

    @Test
    void hostPrefixStrictPersistentCookieWithRollingExpiry() {
        use(Map.of(
                "sessiondb.cookie.same-site", "strict",
                "sessiondb.cookie.host-prefix", "true",
                "sessiondb.cookie.max-age", "3600",
                "sessiondb.cookie.rolling", "true"));
        when(request.getContextPath()).thenReturn("/shop");

        cookies.write(request, response, SessionIds.generate());

        Cookie cookie = written();
        assertThat(cookie.getName()).isEqualTo("__Host-MYAPP");
        assertThat(cookie.getSecure()).as("the prefix demands it").isTrue();
        assertThat(cookie.getPath()).as("the prefix demands it").isEqualTo("/");
        assertThat(cookie.getAttribute("SameSite")).isEqualTo("Strict");
        assertThat(cookie.getMaxAge()).isEqualTo(3600);
        assertThat(cookie.getDomain()).isNull();
    }

    @Test
    void domainIsSetWhenConfigured() {
        use(Map.of("sessiondb.cookie.same-site", "None", "sessiondb.cookie.domain", "example.com"));

        cookies.write(request, response, SessionIds.generate());

        assertThat(written().getDomain()).isEqualTo("example.com");
        assertThat(written().getAttribute("SameSite")).isEqualTo("None");
    }
}
