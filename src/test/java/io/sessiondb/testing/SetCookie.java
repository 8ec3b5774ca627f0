package io.sessiondb.testing;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Set-Cookie} header, parsed by hand: {@link java.net.HttpCookie} drops attributes it does
 * not know, such as {@code SameSite}.
 *
 * @param attributes attribute names in lower case; a flag such as {@code HttpOnly} maps to ""
 */
public record SetCookie(String name, String value, Map<String, String> attributes) {

    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        String pair = parts[0];
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            int at = part.indexOf('=');
            String key = (at < 0 ? part : part.substring(0, at)).trim().toLowerCase(Locale.ROOT);
            attributes.put(key, at < 0 ? "" : part.substring(at + 1).trim());
        }
        return new SetCookie(name, value, Map.copyOf(attributes));
    }

    public boolean has(String attribute) {
        return attributes.containsKey(attribute.toLowerCase(Locale.ROOT));
    }

    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute.toLowerCase(Locale.ROOT)));
    }

    /** True when the cookie tells the browser to drop it ({@code Max-Age=0} or an expiry in the past). */
    public boolean deletes() {
        return "0".equals(attributes.get("max-age"))
                || attribute("expires").map(e -> e.contains("1970")).orElse(false);
    }
}
