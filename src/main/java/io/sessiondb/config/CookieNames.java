package io.sessiondb.config;

/** The RFC 6265 rule for what a cookie name may contain. */
final class CookieNames {

    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    private CookieNames() {}

    static boolean isToken(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
