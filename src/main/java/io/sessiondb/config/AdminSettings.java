package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Who may use the admin API, and where it is served ({@value #PATH}, {@code /api/admin} by default): one user,
 * named by {@value #USERNAME}, whose password is configured only as a hash ({@value #PASSWORD_HASH}; see {@link
 * PasswordHash}). Without a hash the API is off and its path is left to the application; SessionDB ships none.
 *
 * @param username the admin's user name
 * @param passwordHash the hash's text, when configured
 * @param path the path the API is served at, under the application's context root
 */
public record AdminSettings(String username, Optional<String> passwordHash, String path) {

    static final String USERNAME = "sessiondb.admin.username";
    static final String PASSWORD_HASH = "sessiondb.admin.password-hash";
    static final String PATH = "sessiondb.admin.path";

    public static AdminSettings read(Config config) {
        return new AdminSettings(
                config.getValue(USERNAME, String.class),
                config.getOptionalValue(PASSWORD_HASH, String.class),
                config.getValue(PATH, String.class));
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
        ServletPaths.problem(PATH, path).ifPresent(problems::add);
        return problems;
    }

    /** Whether the admin API is on: credentials are configured. */
    public boolean enabled() {
        return passwordHash.isPresent();
    }

    /**
     * The configured password hash.
     *
     * @throws IllegalStateException when none is configured (see {@link #enabled()})
     */
    public PasswordHash hash() {
        return PasswordHash.parse(
                passwordHash.orElseThrow(() -> new IllegalStateException(PASSWORD_HASH + " is not configured")));
    }
}
