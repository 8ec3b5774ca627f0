package io.sessiondb.config;

import org.eclipse.microprofile.config.Config;

/** The configuration profile: {@code dev} unless {@value #KEY} says otherwise. */
final class Profile {

    static final String KEY = "mp.config.profile";
    private static final String PROD = "prod";

    private Profile() {}

    static String of(Config config) {
        return config.getValue(KEY, String.class);
    }

    /** The prod profile has no default database or secret. */
    static boolean isProd(Config config) {
        return PROD.equals(of(config));
    }
}
