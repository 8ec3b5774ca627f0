package io.sessiondb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.config.CookieSettings;
import io.sessiondb.config.SessionDbConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class SessionCookiesTest {

    private final SessionCookies cookies = new SessionCookies();
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    @BeforeEach
    void configure() {
        cookies.config = mock(SessionDbConfig.class);
        when(cookies.config.cookieName()).thenReturn("MYAPP");
        when(cookies.config.secrets()).thenReturn(List.of("a-secret-of-at-least-32-characters-xx"));
        when(cookies.config.cookie()).thenReturn(CookieSettings.defaults());
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

    private void use(CookieSettings settings) {
        when(cookies.config.cookie()).thenReturn(settings);
        when(cookies.config.cookieName()).thenReturn(settings.name("MYAPP"));
    }

    @Test
    void forwardedHttpsMakesTheCookieSecureOnlyFromATrustedProxy() {
        use(new CookieSettings("auto", "Lax", false, Optional.empty(), Optional.empty(), false, List.of("10.0.0.0/8")));
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
        use(new CookieSettings("true", "Lax", false, Optional.empty(), Optional.empty(), false, List.of()));
        cookies.write(request, response, SessionIds.generate());
        assertThat(written().getSecure()).isTrue();
    }

    @Test
    void hostPrefixStrictPersistentCookieWithRollingExpiry() {
        use(new CookieSettings("auto", "strict", true, Optional.empty(), Optional.of(3600), true, List.of()));
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
        use(new CookieSettings("auto", "None", false, Optional.of("example.com"), Optional.empty(), false, List.of()));

        cookies.write(request, response, SessionIds.generate());

        assertThat(written().getDomain()).isEqualTo("example.com");
        assertThat(written().getAttribute("SameSite")).isEqualTo("None");
    }
}
