package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * How the expired-session sweeper runs.
 *
 * @param intervalSeconds the pause between two runs
 * @param batchSize the most expired sessions one batch deletes
 */
public record SweeperSettings(int intervalSeconds, int batchSize) {

    static final String INTERVAL = "sessiondb.cleanup.interval";
    static final String BATCH_SIZE = "sessiondb.cleanup.batch-size";

    public static SweeperSettings read(Config config) {
        return new SweeperSettings(
                config.getValue(INTERVAL, Integer.class), config.getValue(BATCH_SIZE, Integer.class));
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (intervalSeconds < 1) {
            problems.add(INTERVAL + " must be at least 1 second, was " + intervalSeconds);
        }
        if (batchSize < 1) {
            problems.add(BATCH_SIZE + " must be at least 1, was " + batchSize);
        }
        return problems;
    }
}
