package io.sessiondb.store;

import io.sessiondb.config.DatabaseSettings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application-defined datasource's connection factory: connects to {@code sessiondb.db.url} (the
 * embedded H2 file when none is configured, see {@link DatabaseSettings#jdbcUrl()}) as {@code
 * sessiondb.db.user} with whichever JDBC driver on the application's class path accepts the URL,
 * so pointing SessionDB at another database takes a URL, not a driver class name. The server's
 * connection pool wraps it. Settings are read through MicroProfile Config of the application, because
 * the server creates datasources before the application's own configuration is visible to it.
 *
 * <p>{@code sessiondb.db.timeout} bounds every wait on the database server: connecting, logging in and
 * each read of a reply, so a database that stops answering (a network black hole, a hung server) fails
 * the request after that many seconds instead of holding it until the operating system gives up.
 */
public class ConfiguredDataSource implements DataSource {

    private int loginTimeoutSeconds;

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseSettings settings = settings();
        return getConnection(
                settings.jdbcUser().orElse(null), settings.password().orElse(null));
    }

    @Override
    public Connection getConnection(String username, String secret) throws SQLException {
        DatabaseSettings settings = settings();
        String url = settings.jdbcUrl();
        Properties properties = new Properties();
        applyTimeout(url, timeoutSeconds(settings), properties);
        applyDurableCommits(url, properties);
        if (username != null && !username.isEmpty()) {
            properties.setProperty("user", username);
        }
        if (secret != null && !secret.isEmpty()) {
            properties.setProperty("password", secret);
        }
        Driver driver = driverFor(url);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The driver " + driver.getClass().getName() + " refused " + url);
        }
        return connection;
    }

    /** Read on every connection: the server creates this datasource before the application's CDI beans. */
    private static DatabaseSettings settings() {
        return DatabaseSettings.read(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
    }

    /** A bad {@code sessiondb.db.timeout} fails every connection, so the first one, naming the key. */
    static int timeoutSeconds(DatabaseSettings settings) throws SQLException {
        try {
            return settings.timeoutSeconds();
        } catch (IllegalStateException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /**
     * Sets the driver's own timeouts for connecting, logging in and reading replies. A parameter written
     * in the JDBC URL takes precedence. The embedded H2 waits on no network and gets none.
     */
    static void applyTimeout(String url, int seconds, Properties properties) {
        if (url.startsWith("jdbc:postgresql:")) {
            String value = Integer.toString(seconds); // seconds
            properties.setProperty("connectTimeout", value);
            properties.setProperty("loginTimeout", value);
            properties.setProperty("socketTimeout", value);
        } else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            String value = Long.toString(seconds * 1000L); // milliseconds
            properties.setProperty("connectTimeout", value);
            properties.setProperty("socketTimeout", value);
        }
    }

    /**
     * Makes the embedded H2 write each commit to its file before the commit returns: by default it delays
     * writes by up to half a second, so a change already acknowledged to the client was lost when the
     * server was killed (seen: 20 of 314 acknowledged adds gone after a SIGKILL). A {@code WRITE_DELAY}
     * written in the URL takes precedence.
     */
    static void applyDurableCommits(String url, Properties properties) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
            properties.setProperty("WRITE_DELAY", "0");
        }
    }

    private static Driver driverFor(String url) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                return driver;
            }
        }
        throw new SQLException("No JDBC driver accepts " + url + " (the WAR carries the PostgreSQL and MariaDB"
                + " drivers; H2 is the server's own: Payara has it, GlassFish does not)");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // connections log through their drivers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
