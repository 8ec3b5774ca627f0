package io.sessiondb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which folder under {@code db/migration} holds the scripts for the connected database. */
final class MigrationFolder {

    private MigrationFolder() {}

    static String of(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new SessionStoreException("Cannot reach the session database to migrate its schema", e);
        }
        return of(product);
    }

    static String of(String databaseProductName) {
        String product = databaseProductName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgresql")) {
            return "postgresql";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return "mariadb";
        }
        throw new IllegalStateException(
                "SessionDB supports H2, PostgreSQL and MariaDB/MySQL, not " + databaseProductName);
    }
}
