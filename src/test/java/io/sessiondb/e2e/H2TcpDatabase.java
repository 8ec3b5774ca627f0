package io.sessiondb.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import org.h2.tools.Server;

/**
 * An H2 database served over TCP from the test JVM, so that a test can look at the session rows while the
 * application uses them, and can take the database away and bring it back on the same port and files.
 */
final class H2TcpDatabase implements AutoCloseable {

    static final String USER = "sessiondb";
    static final String PASSWORD = "sessiondb";

    private final Path baseDir;
    private final int port;
    private Server server;

    private H2TcpDatabase(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.port = port;
    }

    static H2TcpDatabase start(Path baseDir) {
        H2TcpDatabase database = new H2TcpDatabase(baseDir, freePort());
        database.start();
        return database;
    }

    /** (Re)starts serving the same files on the same port; the port may need a moment to be free again. */
    void start() {
        await().atMost(Duration.ofSeconds(20))
                .pollInSameThread()
                .ignoreExceptions()
                .until(() -> {
                    server = Server.createTcpServer(
                                    "-tcpPort",
                                    Integer.toString(port),
                                    "-baseDir",
                                    baseDir.toString(),
                                    // the application creates the database on first connect
                                    "-ifNotExists")
                            .start();
                    return true;
                });
    }

    /** Stops serving: open connections are cut and new ones refused, like a database host going down. */
    void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The URL for the application ({@code sessiondb.db.url}). */
    String url() {
        return "jdbc:h2:tcp://localhost:" + port + "/sessiondb";
    }

    /** The stored row's {@code expires_at_ms} for a session id (the cookie value), if the row exists. */
    OptionalLong expiresAtMs(String sessionId) {
        try (Connection connection = connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT expires_at_ms FROM sessiondb_session WHERE id = ?")) {
            select.setString(1, storageKey(sessionId));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection as the application's user, for a test to look at or change the session rows. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    boolean sessionExists(String sessionId) {
        return expiresAtMs(sessionId).isPresent();
    }

    /**
     * How the design says a session is keyed: SHA-256 of the session id (the cookie value up to its
     * signature), URL-safe Base64, no padding.
     */
    static String storageKey(String cookieValue) {
        int dot = cookieValue.indexOf('.');
        String sessionId = dot < 0 ? cookieValue : cookieValue.substring(0, dot);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
