package io.sessiondb.config;

import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Visit stamping.
 *
 * @param enabled whether every request is stamped into its session
 * @param excludedPaths path prefixes never stamped (health checks and the like must not create sessions)
 */
public record VisitSettings(boolean enabled, List<String> excludedPaths) {

    static final String ENABLED = "sessiondb.visits.enabled";
    static final String EXCLUDE = "sessiondb.visits.exclude";

    public static VisitSettings read(Config config) {
        return new VisitSettings(
                config.getValue(ENABLED, Boolean.class),
                config.getOptionalValues(EXCLUDE, String.class).orElse(List.of()));
    }

    /** None: any value of these keys is usable. */
    public List<String> problems() {
        return List.of();
    }
}
