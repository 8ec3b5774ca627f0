package io.sessiondb.config;

import jakarta.servlet.SessionCookieConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The session cookie: its name ({@value #NAME}) and its options, as express-session has them: {@code Secure} ({@code auto} follows the
 * request, and {@code X-Forwarded-Proto} from a trusted proxy), {@code SameSite}, the {@code __Host-}
 * prefix, {@code Domain}, {@code Max-Age} for a persistent cookie, and rolling expiry.
 *
 * <p>An application's own session cookie configuration (web.xml's {@code <cookie-config>}, or {@link
 * SessionCookieConfig} in code) applies to SessionDB's cookie too, as it would to the container's ({@link
 * #adopting}): where the application set a name, path, domain, max-age, {@code Secure} or other attributes,
 * those count unless the {@code sessiondb.cookie.*} key of the option is configured. {@code HttpOnly} stays:
 * no script needs a session id.
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

    /** The container's name for its own session cookie, which an application leaves unset to mean the default. */
    private static final String CONTAINER_DEFAULT_NAME = "JSESSIONID";
    /** Cookie attributes with a setting of their own, which {@link #attributes} never repeats. */
    private static final Set<String> OWN_ATTRIBUTES = caseInsensitive(
            "Path", "Domain", "Max-Age", "Expires", "Secure", "HttpOnly", "SameSite", "Comment", "Version");

    private final String configuredName;
    private final Secure secure;
    private final String sameSite;
    private final boolean hostPrefix;
    private final Optional<String> domain;
    private final Optional<Integer> maxAgeSeconds;
    private final boolean rolling;
    private final List<String> trustedProxySettings;
    /** The keys configured beside SessionDB's defaults, which the application's cookie configuration cannot change. */
    private final Set<String> configuredKeys;

    private final Optional<String> path;
    private final Map<String, String> attributes;
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
            List<String> trustedProxies,
            Set<String> configuredKeys,
            Optional<String> path,
            Map<String, String> attributes) {
        this.configuredName = configuredName;
        this.secure = parseSecure(secure);
        this.sameSite = parseSameSite(sameSite);
        this.hostPrefix = hostPrefix;
        this.domain = domain;
        this.maxAgeSeconds = maxAgeSeconds;
        this.rolling = rolling;
        this.trustedProxySettings = List.copyOf(trustedProxies);
        this.configuredKeys = Set.copyOf(configuredKeys);
        this.path = path;
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        check(trustedProxies);
    }

    public static CookieSettings read(Config config) {
        Set<String> configured = new TreeSet<>();
        for (String key : List.of(NAME, SECURE, SAME_SITE, DOMAIN, MAX_AGE)) {
            ConfigValue value = config.getConfigValue(key);
            if (value.getValue() != null && !SessionDbDefaults.SOURCE_NAME.equals(value.getSourceName())) {
                configured.add(key);
            }
        }
        return new CookieSettings(
                config.getValue(NAME, String.class),
                config.getValue(SECURE, String.class),
                config.getValue(SAME_SITE, String.class),
                config.getValue(HOST_PREFIX, Boolean.class),
                config.getOptionalValue(DOMAIN, String.class),
                config.getOptionalValue(MAX_AGE, Integer.class),
                config.getValue(ROLLING, Boolean.class),
                config.getOptionalValues(TRUSTED_PROXIES, String.class).orElse(List.of()),
                configured,
                Optional.empty(),
                Map.of());
    }

    /**
     * These settings with what the application set in its own session cookie configuration, for each option
     * whose {@code sessiondb.cookie.*} key is not configured; check {@link #problems()} of the result.
     */
    public CookieSettings adopting(SessionCookieConfig application) {
        String name = application.getName();
        boolean ownName = name != null && !CONTAINER_DEFAULT_NAME.equals(name) && !configuredKeys.contains(NAME);
        Map<String, String> applicationAttributes = attributesOf(application);
        String sameSiteAttribute = null;
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : applicationAttributes.entrySet()) {
            if ("SameSite".equalsIgnoreCase(attribute.getKey())) {
                sameSiteAttribute = attribute.getValue();
            } else if (!OWN_ATTRIBUTES.contains(attribute.getKey())) {
                extra.put(attribute.getKey(), attribute.getValue());
            }
        }
        return new CookieSettings(
                ownName ? name : configuredName,
                application.isSecure() && !configuredKeys.contains(SECURE) ? "true" : secureSetting(),
                sameSiteAttribute != null && !configuredKeys.contains(SAME_SITE) ? sameSiteAttribute : sameSite,
                hostPrefix,
                application.getDomain() != null && !configuredKeys.contains(DOMAIN)
                        ? Optional.of(application.getDomain())
                        : domain,
                application.getMaxAge() > 0 && !configuredKeys.contains(MAX_AGE)
                        ? Optional.of(application.getMaxAge())
                        : maxAgeSeconds,
                rolling,
                trustedProxySettings,
                configuredKeys,
                Optional.ofNullable(application.getPath()),
                extra);
    }

    /** Payara 6 throws NullPointerException for the attributes of a configuration that has none. */
    private static Map<String, String> attributesOf(SessionCookieConfig application) {
        try {
            return application.getAttributes();
        } catch (NullPointerException noAttributes) {
            return Map.of();
        }
    }

    private String secureSetting() {
        return switch (secure) {
            case AUTO -> "auto";
            case ALWAYS -> "true";
            case NEVER -> "false";
        };
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
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

    /** The application's cookie path, if it set one; otherwise the cookie's path is the context path. */
    public Optional<String> path() {
        return path;
    }

    /** Attributes the application gave its session cookie beyond those with a setting here, in its order. */
    public Map<String, String> attributes() {
        return attributes;
    }

    public boolean rolling() {
        return rolling;
    }

    /** True when {@code address} belongs to a proxy whose {@code X-Forwarded-Proto} is believed. */
    public boolean isTrustedProxy(String address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
