package io.sessiondb.testing;

import io.sessiondb.config.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A SessionDB admin as the tests sign in to the admin API with it (HTTP Basic) and configure it (a user name and
 * a hash of the password): the one place a test builds an admin's {@code Authorization} header or hashes an
 * admin password.
 *
 * @param user the admin user name
 * @param password the password in clear, the test's own
 */
public record AdminCredentials(String user, String password) {

    /** The demo WAR's dev profile admin, {@code admin}/{@code admin}; nothing else configures it. */
    public static final AdminCredentials DEMO = new AdminCredentials("admin", "admin");

    /** The same user with another password, e.g. a wrong one. */
    public AdminCredentials withPassword(String otherPassword) {
        return new AdminCredentials(user, otherPassword);
    }

    /** The value of the {@code Authorization} header: {@code Basic base64(user:password)}. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Authorization} header as a name and a value, as {@link HttpSessionClient} takes headers. */
    public String[] header() {
        return new String[] {"Authorization", authorization()};
    }

    /** The password hashed as an operator hashes it ({@code PasswordHash}, 600,000 PBKDF2 rounds). */
    public String passwordHash() {
        return PasswordHash.of(password.toCharArray()).toString();
    }

    /**
     * The password hashed in SessionDB's admin format with 1,000 PBKDF2 rounds instead of {@code PasswordHash}'s
     * 600,000: for a test that checks it often, where on two busy cores the real cost starves a server.
     */
    public String cheapPasswordHash() {
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

    /** The environment variables that configure this admin on a server, with {@code passwordHash}. */
    public Map<String, String> environment(String passwordHash) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SESSIONDB_ADMIN_USERNAME", user);
        environment.put("SESSIONDB_ADMIN_PASSWORD_HASH", passwordHash);
        return environment;
    }

    /** The settings that configure this admin, with {@code passwordHash}. */
    public Map<String, String> settings(String passwordHash) {
        return Map.of("sessiondb.admin.username", user, "sessiondb.admin.password-hash", passwordHash);
    }
}
