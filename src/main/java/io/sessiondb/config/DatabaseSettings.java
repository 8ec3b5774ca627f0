package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where the sessions are stored: the application's own datasource ({@code sessiondb.db.url}, {@code
 * .user}, {@code .password}) or a server-managed one ({@code sessiondb.datasource}), how long a request
 * may wait on it, and whether SessionDB migrates the schema itself. With neither a URL nor a datasource
 * configured, the sessions go to an embedded H2 file, {@value #EMBEDDED_URL} (relative to the server's working
 * directory), as user {@value #EMBEDDED_USER} without a password: zero configuration for one node. An
 * application that runs with the profile {@code prod} must name its database.
 *
 * @param url the JDBC URL of the application's own datasource
 * @param user the database user of the application's own datasource
 * @param password that user's password
 * @param datasource the JNDI name of a server-managed datasource to use instead of the application's own
 * @param timeoutText {@code sessiondb.db.timeout} as configured; see {@link #timeoutSeconds()}
 * @param schemaMigrate whether SessionDB brings the schema up to date itself at start-up
 * @param prod whether the application runs with the profile {@code prod}, which gets no embedded database
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
    /** The embedded database of a node that configures none: an H2 file for one node. */
    public static final String EMBEDDED_URL = "jdbc:h2:./data/sessiondb;DB_CLOSE_ON_EXIT=FALSE";
    /** The embedded database's user; H2 makes it the file's owner when it creates the file. */
    public static final String EMBEDDED_USER = "sessiondb";

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
        if (prod && embedded()) {
            problems.add("the profile prod gets no embedded one-node database: set " + URL + " (env SESSIONDB_DB_URL)"
                    + " or " + DATASOURCE + " (env SESSIONDB_DATASOURCE)");
        }
        return problems;
    }

    /** Whether no database is configured, so the sessions go to the embedded H2 file of one node. */
    public boolean embedded() {
        return url.isEmpty() && datasource.isEmpty();
    }

    /** The JDBC URL of the application's own datasource: the configured one, or the embedded H2 file. */
    public String jdbcUrl() {
        return url.orElse(EMBEDDED_URL);
    }

    /** The user of the application's own datasource: the configured one, or the embedded database's. */
    public Optional<String> jdbcUser() {
        return url.isEmpty() && user.isEmpty() ? Optional.of(EMBEDDED_USER) : user;
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
    public String description() {
        return datasource
                .map(name -> "from the server datasource " + name)
                .orElse(url.orElse("the embedded " + EMBEDDED_URL));
    }
}
