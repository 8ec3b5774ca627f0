package io.sessiondb.cookie;

import io.sessiondb.store.RememberedResults;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs session ids for the cookie ({@code <id>.<HMAC-SHA256 of the id>}, both URL-safe Base64) and
 * verifies them: the first secret signs, every secret verifies, so a secret is rotated by putting the new
 * one first and dropping the old one once its cookies have expired. A value whose signature does not
 * verify is refused here, before any database work.
 */
public final class CookieSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys;
    /**
     * Values that verified, and their session ids, so that the values of sessions in use verify once here, not
     * at every request: a value verifies for as long as these keys sign. Only genuine values get in, so
     * forgeries cannot fill it.
     */
    private final RememberedResults<String, String> verified = new RememberedResults<>(10_000);

    public CookieSigner(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed to sign session cookies");
        }
        keys = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    /** The cookie value for a session id, signed with the first secret. */
    public String sign(String sessionId) {
        return sessionId + "." + signature(keys.get(0), sessionId);
    }

    /** The session id a cookie value carries, if it is well-formed and signed with one of the secrets. */
    Optional<String> verify(String cookieValue) {
        if (cookieValue == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                verified.get(cookieValue, value -> verifySignature(value).orElse(null)));
    }

    private Optional<String> verifySignature(String cookieValue) {
        int dot = cookieValue == null ? -1 : cookieValue.indexOf('.');
        if (dot != SessionIds.LENGTH || !SessionIds.isWellFormed(cookieValue.substring(0, dot))) {
            return Optional.empty();
        }
        String sessionId = cookieValue.substring(0, dot);
        byte[] presented = cookieValue.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        for (SecretKeySpec key : keys) {
            // constant time: the comparison must not tell an attacker how much of a forgery was right
            if (MessageDigest.isEqual(presented, signature(key, sessionId).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(sessionId);
            }
        }
        return Optional.empty();
    }

    private static String signature(SecretKeySpec key, String sessionId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return BASE64.encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }
}
