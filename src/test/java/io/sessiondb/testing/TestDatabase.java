package io.sessiondb.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database a test run targets, chosen by the system property {@value #PROPERTY} ({@code h2} by
 * default): the embedded H2, or the PostgreSQL (127.0.0.1:5432, trust auth) and MariaDB (127.0.0.1:3306,
 * root without password) servers of the machine. For a server, each test gets a database of its own,
 * owned by a {@code sessiondb} user whose password is SessionDB's default, so only the URL differs from
 * the embedded setup. Database names carry the test JVM's process id, so parallel builds on one machine
 * never share (or drop) each other's databases; they are dropped when the test JVM exits.
 */
public enum TestDatabase {
    H2("H2", null, 0),
    POSTGRESQL("PostgreSQL", "127.0.0.1", 5432),
    MARIADB("MariaDB", "127.0.0.1", 3306);

    public static final String PROPERTY = "sessiondb.test.db";
    public static final String USER = "sessiondb";
    public static final String PASSWORD = "sessiondb";

    private static final String SUFFIX = "_" + ProcessHandle.current().pid();
    /** Databases this JVM created, by actual name, with the server they live on. */
    private static final Map<String, TestDatabase> CREATED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
    }

    private final String displayName;
    private final String host;
    private final int port;

    TestDatabase(String displayName, String host, int port) {
        this.displayName = displayName;
        this.host = host;
        this.port = port;
    }

    public static TestDatabase selected() {
        return valueOf(System.getProperty(PROPERTY, "h2").toUpperCase(Locale.ROOT));
    }

    public String displayName() {
        return displayName;
    }

    public boolean isEmbedded() {
        return this == H2;
    }

    /** Whether the server accepts connections; the embedded database always does. */
    public boolean isAvailable() {
        if (isEmbedded()) {
            return true;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Why a test on this database cannot run here. */
    public String unavailableReason() {
        return displayName + " NOT TESTED: no server at " + host + ":" + port
                + " (start it, or see the README's 'Testing' section)";
    }

    /** The JDBC URL of a test database on this server, as SessionDB would be configured with it. */
    public String url(String database) {
        return serverUrl(database + SUFFIX);
    }

    private String serverUrl(String actualDatabase) {
        return switch (this) {
            case H2 -> throw new IllegalStateException("the embedded database needs no URL");
            case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/" + actualDatabase;
            case MARIADB -> "jdbc:mariadb://" + host + ":" + port + "/" + actualDatabase;
        };
    }

    /** Drops and creates {@code database}, owned by the {@value #USER} user, and returns its URL. */
    public String recreate(String database) {
        if (!database.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        String actual = database + SUFFIX;
        drop(actual);
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            switch (this) {
                case POSTGRESQL -> {
                    sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER
                            + "') THEN CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$");
                    sql.execute("CREATE DATABASE " + actual + " OWNER " + USER);
                }
                case MARIADB -> {
                    sql.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
                    sql.execute(
                            "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
                    sql.execute("CREATE DATABASE " + actual);
                    sql.execute("GRANT ALL ON " + actual + ".* TO '" + USER + "'@'%'");
                    sql.execute("GRANT ALL ON " + actual + ".* TO '" + USER + "'@'localhost'");
                }
                case H2 -> throw new IllegalStateException("the embedded database is created by SessionDB");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare " + displayName + " database " + actual, e);
        }
        CREATED.put(actual, this);
        return url(database);
    }

    private static void dropCreated() {
        CREATED.forEach((actual, server) -> {
            try {
                server.drop(actual);
            } catch (IllegalStateException e) {
                System.err.println("[sessiondb] " + e.getMessage());
            }
        });
        CREATED.clear();
    }

    private void drop(String actual) {
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            sql.execute(
                    this == POSTGRESQL
                            ? "DROP DATABASE IF EXISTS " + actual + " WITH (FORCE)"
                            : "DROP DATABASE IF EXISTS " + actual);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop " + displayName + " database " + actual, e);
        }
    }

    /** A connection to {@code database} as SessionDB's user, for a test to look at the tables. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    private Connection admin() throws SQLException {
        return switch (this) {
            case POSTGRESQL -> DriverManager.getConnection(serverUrl("postgres"), "postgres", "");
            case MARIADB -> DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", "root", "");
            case H2 -> throw new IllegalStateException("no admin connection for the embedded database");
        };
    }
}
