package io.sessiondb.history;

/**
 * How a history run is shaped: read from system properties {@code history.seed}, {@code history.seconds},
 * {@code history.groups} and {@code history.clients}, so a script can run the integration test longer or
 * with another seed.
 *
 * @param seed seeds each client's {@link java.util.Random}: the same seed makes the same choices
 * @param seconds the whole run: three quarters on two nodes, then a quarter on one
 * @param groups session groups, each one browser with one cookie jar
 * @param clients clients per group, each a browser tab running operations one after another
 */
record HistorySettings(long seed, int seconds, int groups, int clients) {

    static final long DEFAULT_SEED = 20;
    static final int DEFAULT_SECONDS = 30;

    static HistorySettings fromSystemProperties() {
        return new HistorySettings(
                Long.getLong("history.seed", DEFAULT_SEED),
                Integer.getInteger("history.seconds", DEFAULT_SECONDS),
                Integer.getInteger("history.groups", 4),
                Integer.getInteger("history.clients", 3));
    }

    long twoNodeNs() {
        return seconds * 750_000_000L;
    }

    long totalNs() {
        return seconds * 1_000_000_000L;
    }
}
