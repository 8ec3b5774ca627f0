package io.sessiondb.cookie;

import io.sessiondb.config.CookieSettings;
import io.sessiondb.config.SessionDbConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads and writes the session cookie, whose value is the session id signed by {@link CookieSigner}:
 * {@code HttpOnly}, {@code Path} = the context path, and the options of {@link CookieSettings} with the
 * application's own session cookie configuration; by default {@code SameSite=Lax}, {@code Secure} when the
 * request came over HTTPS, no {@code Max-Age}.
 */
@ApplicationScoped
public class SessionCookies {

    private static final Logger LOG = Logger.getLogger(SessionCookies.class.getName());

    @Inject
    SessionDbConfig config;

    @Inject
    ServletContext servletContext;

    @Inject
    SigningKeys keys;

    private volatile CookieSigner signer;
    private volatile CookieSettings settings;

    /**
     * SessionDB's cookie settings with the application's own session cookie configuration, read at the first
     * request: an application may configure its cookie until its context is initialized, after SessionDB's start.
     */
    CookieSettings settings() {
        if (settings == null) {
            CookieSettings adopted = config.cookie().adopting(servletContext.getSessionCookieConfig());
            if (adopted.problems().isEmpty()) {
                settings = adopted;
            } else {
                LOG.severe(() -> "The application's session cookie configuration does not fit SessionDB's cookie, "
                        + "which keeps the sessiondb.cookie.* settings: " + String.join("; ", adopted.problems()));
                settings = config.cookie();
            }
        }
        return settings;
    }

    /** The raw value of the first session cookie the client sent, well-formed or not. */
    public Optional<String> requestedValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (settings().name().equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The session id a cookie value carries, if its signature verifies; else empty, and no lookup is due. */
    public Optional<String> verifiedId(String cookieValue) {
        return signer().verify(cookieValue);
    }

    void write(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        response.addCookie(cookie(request, signer().sign(sessionId)));
    }

    private CookieSigner signer() {
        if (signer == null) {
            signer = new CookieSigner(keys.all());
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
        CookieSettings settings = settings();
        Cookie cookie = new Cookie(settings.name(), value);
        String contextPath = request.getContextPath();
        // the __Host- prefix demands Path=/ (and no Domain, which validation enforces)
        String defaultPath = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        cookie.setPath(settings.hostPrefix() ? "/" : settings.path().orElse(defaultPath));
        cookie.setHttpOnly(true);
        cookie.setSecure(secure(request, settings));
        cookie.setAttribute("SameSite", settings.sameSite());
        settings.domain().ifPresent(cookie::setDomain);
        settings.maxAgeSeconds().ifPresent(cookie::setMaxAge);
        settings.attributes().forEach(cookie::setAttribute);
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
