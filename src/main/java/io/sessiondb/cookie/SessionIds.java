package io.sessiondb.cookie;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 256 bits from {@link SecureRandom}, URL-safe Base64 without padding (43 characters). */
public final class SessionIds {

    static final int LENGTH = 43;
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {}

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when the value has the shape of an id this class generates; anything else is never looked up. */
    static boolean isWellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            boolean urlSafe =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!urlSafe) {
                return false;
            }
        }
        // the last character carries 2 padding bits that a generated id always leaves zero
        return "AEIMQUYcgkosw048".indexOf(value.charAt(LENGTH - 1)) >= 0;
    }
}
