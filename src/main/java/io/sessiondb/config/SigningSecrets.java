package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The secrets session cookies are signed with ({@value #KEY}): the first signs, every one verifies, so a
 * secret can be rotated. Only the dev profile has a default.
 *
 * @param configured the secrets, when any are configured
 * @param prod whether the prod profile is active
 */
public record SigningSecrets(Optional<List<String>> configured, boolean prod) {

    static final String KEY = "sessiondb.secrets";
    static final int MIN_LENGTH = 32;

    public static SigningSecrets read(Config config) {
        return new SigningSecrets(config.getOptionalValues(KEY, String.class), Profile.isProd(config));
    }

    /** Every problem with the secrets, naming the key; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (all().stream().anyMatch(secret -> secret.length() < MIN_LENGTH)) {
            problems.add(KEY + " must hold secrets of at least " + MIN_LENGTH + " characters each");
        }
        if (configured.isEmpty()) {
            problems.add(
                    prod
                            ? "the prod profile needs a secret: set " + KEY + " (env SESSIONDB_SECRETS)"
                            : "session cookies are signed: set " + KEY + " (env SESSIONDB_SECRETS)");
        }
        return problems;
    }

    /** The secrets in order: the first signs, every one verifies. */
    public List<String> all() {
        return configured.orElse(List.of());
    }
}
