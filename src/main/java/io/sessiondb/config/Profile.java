package io.sessiondb.config;

import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The application's configuration profile ({@value #KEY}, env {@code MP_CONFIG_PROFILE}), when it sets one.
 * SessionDB sets none and has no profile-specific defaults; it reads the profile only to refuse, under the
 * name {@value #PROD}, what no production deployment wants: falling back to the embedded one-node database.
 */
final class Profile {

    static final String KEY = "mp.config.profile";
    static final String PROD = "prod";

    private Profile() {}

    /** The active profile (the first, when several are listed), or empty when the application sets none. */
    static Optional<String> of(Config config) {
        return config.getOptionalValue(KEY, String.class)
                .map(profiles -> profiles.split(",")[0].strip())
                .filter(profile -> !profile.isEmpty());
    }

    /** Whether the application runs with the profile {@value #PROD}, which must name its database. */
    static boolean isProd(Config config) {
        return config.getOptionalValue(KEY, String.class).stream()
                .flatMap(profiles -> Arrays.stream(profiles.split(",")))
                .anyMatch(profile -> PROD.equals(profile.strip()));
    }
}
