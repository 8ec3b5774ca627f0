package io.sessiondb.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * SessionDB's defaults, from {@value #RESOURCE} in the library. A configuration source of its own, below
 * the application's {@code META-INF/microprofile-config.properties} ({@value #ORDINAL} against 100):
 * SessionDB is a library inside someone else's WAR, whose own file must win over these defaults, and
 * whose file of the same name must not collide with them on the class path.
 */
public final class SessionDbDefaults implements ConfigSource {

    public static final String RESOURCE = "META-INF/sessiondb-defaults.properties";
    static final int ORDINAL = 50;
    static final String SOURCE_NAME = "SessionDB defaults (" + RESOURCE + ")";

    private final Map<String, String> properties;

    public SessionDbDefaults() {
        Properties loaded = new Properties();
        try (InputStream in = SessionDbDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the SessionDB library");
            }
            loaded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        properties = loaded.stringPropertyNames().stream()
                .collect(Collectors.toUnmodifiableMap(name -> name, loaded::getProperty));
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return SOURCE_NAME;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
