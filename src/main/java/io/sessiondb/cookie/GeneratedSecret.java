package io.sessiondb.cookie;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The cookie-signing secret SessionDB generates for a database whose application configures none: 32 bytes
 * from {@link SecureRandom}, URL-safe Base64, kept in the one row of {@code sessiondb_secret} so that every
 * node on the database uses the same one. Nodes starting at once race safely: each inserts if absent, and
 * all then read the one row that won.
 */
final class GeneratedSecret {

    static final int BYTES = 32;
    private static final int ROW = 1;
    private static final String SELECT = "SELECT secret FROM sessiondb_secret WHERE id = " + ROW;
    private static final String INSERT =
            "INSERT INTO sessiondb_secret (id, secret, created_ms) VALUES (" + ROW + ", ?, ?)";

    private GeneratedSecret() {}

    /** The database's generated secret, when one was generated and not retired. */
    static Optional<String> find(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return find(connection);
        }
    }

    /** The database's generated secret, generating it first when there is none. */
    static String findOrGenerate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Optional<String> existing = find(connection);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, newSecret());
                insert.setLong(2, System.currentTimeMillis());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // another node inserted its secret between our read and our insert: that one is the secret
            }
            return find(connection)
                    .orElseThrow(() -> new SQLException("sessiondb_secret has no row after inserting one"));
        }
    }

    static String newSecret() {
        byte[] bytes = new byte[BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<String> find(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT);
                ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    /** An integrity constraint violation (SQLState class 23): here, the row's primary key, already taken. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
