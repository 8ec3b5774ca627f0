package io.sessiondb.config;

import java.util.Arrays;
import org.eclipse.microprofile.config.Config;

/**
 * The application's configuration profiles ({@value #KEY}, env {@code MP_CONFIG_PROFILE}), when it sets any.
 * SessionDB sets none and has no profile-specific defaults; it reads them only to refuse, under the profile
 * {@value #PROD}, what no production deployment wants: falling back to the embedded one-node database.
 */
final class Profile {

    static final String KEY = "mp.config.profile";
    static final String PROD = "prod";

    private Profile() {}

    /** Whether the application runs with the profile {@value #PROD} (alone or among others). */
    static boolean isProd(Config config) {
        return config.getOptionalValue(KEY, String.class).stream()
                .flatMap(profiles -> Arrays.stream(profiles.split(",")))
                .anyMatch(profile -> PROD.equals(profile.strip()));
    }
}
