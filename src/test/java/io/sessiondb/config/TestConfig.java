package io.sessiondb.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * A real MicroProfile Config for unit tests: SessionDB's shipped defaults ({@link SessionDbDefaults}),
 * overlaid by the given values as a deployment's system properties would be (a profile among them, when
 * they set {@code mp.config.profile}). Nothing from the environment leaks in.
 */
public final class TestConfig {

    private TestConfig() {}

    /** The shipped configuration with these keys overridden. */
    public static Config with(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new SessionDbDefaults())
                .withSources(new PropertiesConfigSource(overrides, "test overrides", 400))
                .build();
    }

    /** The shipped configuration, validated, with these keys overridden. */
    public static SessionDbConfig settings(Map<String, String> overrides) {
        return SessionDbConfig.load(with(overrides));
    }

    /** The attribute limits of the shipped configuration, validated, with these keys overridden. */
    public static AttributeLimits limits(Map<String, String> overrides) {
        return settings(overrides).limits();
    }

    /** The shipped configuration, validated, as a node with nothing configured runs. */
    public static SessionDbConfig settings() {
        return settings(Map.of());
    }
}
