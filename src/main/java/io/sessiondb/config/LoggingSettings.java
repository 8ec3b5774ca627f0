package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.eclipse.microprofile.config.Config;

/**
 * The level SessionDB logs at.
 *
 * @param levelName the java.util.logging level of the {@code io.sessiondb} loggers
 */
public record LoggingSettings(String levelName) {

    static final String LEVEL = "sessiondb.log.level";

    public static LoggingSettings read(Config config) {
        return new LoggingSettings(config.getValue(LEVEL, String.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            Level.parse(levelName);
        } catch (IllegalArgumentException e) {
            problems.add(
                    LEVEL + " must be a java.util.logging level (FINE, INFO, WARNING...), was '" + levelName + "'");
        }
        return problems;
    }

    /** @throws IllegalArgumentException when the level is not valid (see {@link #problems()}) */
    public Level level() {
        return Level.parse(levelName);
    }
}
