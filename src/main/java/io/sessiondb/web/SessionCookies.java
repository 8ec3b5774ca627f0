package io.sessiondb.web;

import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Reads and writes the session cookie, whose value is the session id signed by {@link CookieSigner}:
 * {@code Path} = the context path, {@code HttpOnly}, {@code
 * SameSite=Lax}, {@code Secure} when the request is, no {@code Max-Age} (ends with the browser session).
 */
@ApplicationScoped
public class SessionCookies {

    @Inject
    SessionDbConfig config;

    private volatile CookieSigner signer;

    /** The raw value of the first session cookie the client sent, well-formed or not. */
    Optional<String> requestedValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (config.cookieName().equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The session id a cookie value carries, if its signature verifies; else empty, and no lookup is due. */
    Optional<String> verifiedId(String cookieValue) {
        return signer().verify(cookieValue);
    }

    void write(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        response.addCookie(cookie(request, signer().sign(sessionId)));
    }

    private CookieSigner signer() {
        if (signer == null) {
            signer = new CookieSigner(config.secrets());
        }
        return signer;
    }

    /** Tells the browser to drop its session cookie. */
    void clear(HttpServletRequest request, HttpServletResponse response) {
        Cookie cookie = cookie(request, "");
        cookie.setMaxAge(0);
        response.addCookie(cookie);
    }

    private Cookie cookie(HttpServletRequest request, String value) {
        Cookie cookie = new Cookie(config.cookieName(), value);
        String contextPath = request.getContextPath();
        cookie.setPath(contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
