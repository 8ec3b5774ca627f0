package io.sessiondb.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How sessions and users are named in logs and in the admin API: by fingerprints, never by a session id,
 * a storage key or a user's name.
 *
 * <ul>
 *   <li>A session's fingerprint is the first {@value #SESSION_LENGTH} characters of its storage key (the
 *       SHA-256 of its id): 48 bits, enough to tell sessions apart, useless for finding or forging a cookie.
 *   <li>A user's fingerprint is the first {@value #PRINCIPAL_LENGTH} hex digits of an HMAC-SHA256 of {@code
 *       principal:<name>} under the signing secret, so logs can be searched for one user without naming
 *       anyone, and a log cannot be turned back into names by hashing guesses.
 * </ul>
 */
public final class Fingerprints {

    public static final int SESSION_LENGTH = 8;
    public static final int PRINCIPAL_LENGTH = 12;
    private static final Pattern SESSION_FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{" + SESSION_LENGTH + "}");
    private static final String ALGORITHM = "HmacSHA256";

    private Fingerprints() {}

    public static String ofSessionId(String sessionId) {
        return ofStorageKey(StorageKeys.of(sessionId));
    }

    public static String ofStorageKey(String storageKey) {
        return storageKey.substring(0, SESSION_LENGTH);
    }

    /** Whether the text has the form of a session fingerprint. */
    public static boolean isSessionFingerprint(String text) {
        return text != null && SESSION_FINGERPRINT.matcher(text).matches();
    }

    /**
     * A user's fingerprint, of the name as the session stores it; "-" for no user.
     *
     * @param secret the secret that signs cookies ({@code sessiondb.secrets}, the first)
     */
    public static String ofPrincipal(String principalName, String secret) {
        if (principalName == null) {
            return "-";
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal(("principal:" + principalName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, PRINCIPAL_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }
}
