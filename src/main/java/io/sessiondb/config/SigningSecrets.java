package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The secrets session cookies are signed with ({@value #KEY}), when configured: the first signs, every one
 * verifies, so a secret can be rotated. Without any, SessionDB signs with a secret it generates and keeps
 * in its database ({@code io.sessiondb.cookie.SigningKeys}).
 *
 * @param configured the secrets, when any are configured
 */
public record SigningSecrets(Optional<List<String>> configured) {

    static final String KEY = "sessiondb.secrets";
    static final int MIN_LENGTH = 32;

    public static SigningSecrets read(Config config) {
        return new SigningSecrets(config.getOptionalValues(KEY, String.class));
    }

    /** Every problem with the secrets, naming the key; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (configured.orElse(List.of()).stream().anyMatch(secret -> secret.length() < MIN_LENGTH)) {
            problems.add(KEY + " must hold secrets of at least " + MIN_LENGTH + " characters each");
        }
        return problems;
    }
}
