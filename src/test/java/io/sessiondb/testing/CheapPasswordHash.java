package io.sessiondb.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password hashed in SessionDB's admin format with 1,000 PBKDF2 rounds instead of {@code PasswordHash}'s
 * 600,000: a test checks it often, and on two busy cores the real cost starves a server. The password is the
 * test's own.
 */
public final class CheapPasswordHash {

    private CheapPasswordHash() {}

    public static String of(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1_000, 256))
                    .getEncoded();
            return "PBKDF2WithHmacSHA256:1000:" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
