package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Who may use the admin API ({@code /api/admin}): one user, named by {@value #USERNAME}, whose password is
 * configured only as a hash ({@value #PASSWORD_HASH}; see {@link PasswordHash}). Without a hash the API is off;
 * only the dev profile has one (of the password {@code admin}).
 *
 * @param username the admin's user name
 * @param passwordHash the hash's text, when configured
 */
public record AdminSettings(String username, Optional<String> passwordHash) {

    static final String USERNAME = "sessiondb.admin.username";
    static final String PASSWORD_HASH = "sessiondb.admin.password-hash";

    public static AdminSettings read(Config config) {
        return new AdminSettings(
                config.getValue(USERNAME, String.class), config.getOptionalValue(PASSWORD_HASH, String.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (username.isBlank()) {
            problems.add(USERNAME + " must not be blank");
        }
        try {
            passwordHash.map(PasswordHash::parse);
        } catch (IllegalArgumentException e) {
            problems.add(PASSWORD_HASH + " " + e.getMessage());
        }
        return problems;
    }

    /** Whether the admin API is on: credentials are configured. */
    public boolean enabled() {
        return passwordHash.isPresent();
    }

    /** Whether these are the admin's credentials. Slow by design (PBKDF2), also when they are not. */
    public boolean accepts(String user, char[] password) {
        return passwordHash
                .map(PasswordHash::parse)
                .map(hash -> hash.matches(password) & username.equals(user))
                .orElse(false);
    }
}
