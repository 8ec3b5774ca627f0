package io.sessiondb.web;

import io.sessiondb.config.CookieSettings;
import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Reads and writes the session cookie, whose value is the session id signed by {@link CookieSigner}:
 * {@code HttpOnly}, {@code Path} = the context path, and the options of {@link CookieSettings}; by
 * default {@code SameSite=Lax}, {@code Secure} when the request came over HTTPS, no {@code Max-Age}.
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
            if (config.cookie().name().equals(cookie.getName())) {
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
            signer = new CookieSigner(config.secrets().all());
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
        CookieSettings settings = config.cookie();
        Cookie cookie = new Cookie(config.cookie().name(), value);
        String contextPath = request.getContextPath();
        // the __Host- prefix demands Path=/ (and no Domain, which validation enforces)
        cookie.setPath(settings.hostPrefix() || contextPath == null || contextPath.isEmpty() ? "/" : contextPath);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure(request, settings));
        cookie.setAttribute("SameSite", settings.sameSite());
        settings.domain().ifPresent(cookie::setDomain);
        settings.maxAgeSeconds().ifPresent(cookie::setMaxAge);
        return cookie;
    }

    private static boolean secure(HttpServletRequest request, CookieSettings settings) {
        if (settings.hostPrefix()) {
            return true;
        }
        return switch (settings.secure()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO ->
                request.isSecure()
                        || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))
                                && settings.isTrustedProxy(request.getRemoteAddr());
        };
    }
}
