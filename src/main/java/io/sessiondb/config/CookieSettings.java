package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The session cookie: its name ({@value #NAME}) and its options, as express-session has them: {@code Secure} ({@code auto} follows the
 * request, and {@code X-Forwarded-Proto} from a trusted proxy), {@code SameSite}, the {@code __Host-}
 * prefix, {@code Domain}, {@code Max-Age} for a persistent cookie, and rolling expiry.
 */
public final class CookieSettings {

    /** When the cookie gets the {@code Secure} attribute. */
    public enum Secure {
        /** When the request came over HTTPS, directly or (per a trusted proxy) in front of it. */
        AUTO,
        ALWAYS,
        NEVER
    }

    static final String NAME = "sessiondb.cookie.name";
    static final String SECURE = "sessiondb.cookie.secure";
    static final String SAME_SITE = "sessiondb.cookie.same-site";
    static final String HOST_PREFIX = "sessiondb.cookie.host-prefix";
    static final String DOMAIN = "sessiondb.cookie.domain";
    static final String MAX_AGE = "sessiondb.cookie.max-age";
    static final String ROLLING = "sessiondb.cookie.rolling";
    static final String TRUSTED_PROXIES = "sessiondb.trusted-proxies";

    private final String configuredName;
    private final Secure secure;
    private final String sameSite;
    private final boolean hostPrefix;
    private final Optional<String> domain;
    private final Optional<Integer> maxAgeSeconds;
    private final boolean rolling;
    private final List<IpRange> trustedProxies = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private CookieSettings(
            String configuredName,
            String secure,
            String sameSite,
            boolean hostPrefix,
            Optional<String> domain,
            Optional<Integer> maxAgeSeconds,
            boolean rolling,
            List<String> trustedProxies) {
        this.configuredName = configuredName;
        this.secure = parseSecure(secure);
        this.sameSite = parseSameSite(sameSite);
        this.hostPrefix = hostPrefix;
        this.domain = domain;
        this.maxAgeSeconds = maxAgeSeconds;
        this.rolling = rolling;
        check(trustedProxies);
    }

    public static CookieSettings read(Config config) {
        return new CookieSettings(
                config.getValue(NAME, String.class),
                config.getValue(SECURE, String.class),
                config.getValue(SAME_SITE, String.class),
                config.getValue(HOST_PREFIX, Boolean.class),
                config.getOptionalValue(DOMAIN, String.class),
                config.getOptionalValue(MAX_AGE, Integer.class),
                config.getValue(ROLLING, Boolean.class),
                config.getOptionalValues(TRUSTED_PROXIES, String.class).orElse(List.of()));
    }

    private Secure parseSecure(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> Secure.AUTO;
            case "true" -> Secure.ALWAYS;
            case "false" -> Secure.NEVER;
            default -> {
                problems.add(SECURE + " must be auto, true or false, was '" + value + "'");
                yield Secure.AUTO;
            }
        };
    }

    private String parseSameSite(String value) {
        for (String known : List.of("Lax", "Strict", "None")) {
            if (known.equalsIgnoreCase(value)) {
                return known;
            }
        }
        problems.add(SAME_SITE + " must be Lax, Strict or None, was '" + value + "'");
        return "Lax";
    }

    private void check(List<String> proxies) {
        if (!CookieNames.isToken(configuredName)) {
            problems.add(
                    NAME + " must be a cookie token (letters, digits, !#$%&'*+-.^_`|~), was '" + configuredName + "'");
        }
        if (hostPrefix && secure == Secure.NEVER) {
            problems.add(HOST_PREFIX + " needs a Secure cookie: set " + SECURE + " to true or auto");
        }
        if (hostPrefix && domain.isPresent()) {
            problems.add(HOST_PREFIX + " forbids a Domain: remove " + DOMAIN);
        }
        if ("None".equals(sameSite) && secure == Secure.NEVER) {
            problems.add(SAME_SITE + "=None needs a Secure cookie: browsers drop it otherwise");
        }
        if (maxAgeSeconds.isPresent() && maxAgeSeconds.get() <= 0) {
            problems.add(MAX_AGE + " must be a positive number of seconds, was " + maxAgeSeconds.get());
        }
        if (rolling && maxAgeSeconds.isEmpty()) {
            problems.add(ROLLING + " refreshes an expiry: set " + MAX_AGE + " too");
        }
        for (String proxy : proxies) {
            try {
                this.trustedProxies.add(IpRange.parse(proxy));
            } catch (IllegalArgumentException e) {
                problems.add(TRUSTED_PROXIES + ": " + e.getMessage());
            }
        }
    }

    /** Every invalid option or invalid combination of options, by key; empty when all are usable. */
    public List<String> problems() {
        return problems;
    }

    public Secure secure() {
        return secure;
    }

    public String sameSite() {
        return sameSite;
    }

    /** The cookie name as sent: with the {@code __Host-} prefix when configured. */
    public String name() {
        return hostPrefix ? "__Host-" + configuredName : configuredName;
    }

    /** With the {@code __Host-} prefix the cookie must be Secure whatever the request. */
    public boolean hostPrefix() {
        return hostPrefix;
    }

    public Optional<String> domain() {
        return domain;
    }

    public Optional<Integer> maxAgeSeconds() {
        return maxAgeSeconds;
    }

    public boolean rolling() {
        return rolling;
    }

    /** True when {@code address} belongs to a proxy whose {@code X-Forwarded-Proto} is believed. */
    public boolean isTrustedProxy(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
