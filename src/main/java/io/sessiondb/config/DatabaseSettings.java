package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the sessions are stored: the application's own datasource ({@code sessiondb.db.url}, {@code
 * .user}, {@code .password}) or a server-managed one ({@code sessiondb.datasource}), how long a request
 * may wait on it, and whether SessionDB migrates the schema itself.
 *
 * @param url the JDBC URL of the application's own datasource
 * @param user the database user of the application's own datasource
 * @param password that user's password
 * @param datasource the JNDI name of a server-managed datasource to use instead of the application's own
 * @param timeoutText {@code sessiondb.db.timeout} as configured; see {@link #timeoutSeconds()}
 * @param schemaMigrate whether SessionDB brings the schema up to date itself at start-up
 * @param prod whether the prod profile is active, which has no default database
 */
public record DatabaseSettings(
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        Optional<String> datasource,
        String timeoutText,
        boolean schemaMigrate,
        boolean prod) {

    public static final String URL = "sessiondb.db.url";
    public static final String USER = "sessiondb.db.user";
    public static final String PASSWORD = "sessiondb.db.password";
    public static final String DATASOURCE = "sessiondb.datasource";
    public static final String TIMEOUT = "sessiondb.db.timeout";
    public static final String SCHEMA_MIGRATE = "sessiondb.schema.migrate";

    public static DatabaseSettings read(Config config) {
        return new DatabaseSettings(
                config.getOptionalValue(URL, String.class),
                config.getOptionalValue(USER, String.class),
                config.getOptionalValue(PASSWORD, String.class),
                config.getOptionalValue(DATASOURCE, String.class),
                config.getValue(TIMEOUT, String.class),
                config.getValue(SCHEMA_MIGRATE, Boolean.class),
                Profile.isProd(config));
    }

    /** Every invalid or missing database setting, by key; empty when all are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (parsedTimeoutSeconds() < 1) {
            problems.add(timeoutProblem());
        }
        if (prod && url.isEmpty() && datasource.isEmpty()) {
            problems.add("the prod profile needs an explicit database: set " + URL + " (env SESSIONDB_DB_URL) or "
                    + DATASOURCE + " (env SESSIONDB_DATASOURCE)");
        }
        return problems;
    }

    /**
     * How long a request may wait on the database (connecting, logging in, each reply), in seconds.
     *
     * @throws IllegalStateException when the configured value is not a whole number of seconds greater than 0
     */
    public int timeoutSeconds() {
        int seconds = parsedTimeoutSeconds();
        if (seconds < 1) {
            throw new IllegalStateException(timeoutProblem());
        }
        return seconds;
    }

    private String timeoutProblem() {
        return TIMEOUT + " (env SESSIONDB_DB_TIMEOUT) must be a whole number of seconds greater than 0, was '"
                + timeoutText.strip() + "'";
    }

    /** The timeout, or 0 when it is not a whole number. */
    private int parsedTimeoutSeconds() {
        try {
            return Integer.parseInt(timeoutText.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Where the database comes from, for the start-up log. */
    String description() {
        return datasource.map(name -> "from the server datasource " + name).orElse(url.orElse("?"));
    }
}
