package io.sessiondb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What differs between the supported databases: the folder of their migration scripts, and the one
 * statement that writes an attribute whether or not its row exists yet (an upsert), so two requests
 * setting the same new attribute at once cannot collide on its key.
 */
public enum Dialect {
    H2(
            "h2",
            "MERGE INTO sessiondb_attribute (session_id, name, value_bytes) KEY (session_id, name) VALUES (?1, ?2, ?3)"),
    POSTGRESQL(
            "postgresql",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT (session_id, name) DO UPDATE SET value_bytes = EXCLUDED.value_bytes"),
    MARIADB(
            "mariadb",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?1, ?2, ?3)"
                    + " ON DUPLICATE KEY UPDATE value_bytes = VALUES(value_bytes)");

    private final String migrationFolder;
    private final String upsertAttributeSql;

    Dialect(String migrationFolder, String upsertAttributeSql) {
        this.migrationFolder = migrationFolder;
        this.upsertAttributeSql = upsertAttributeSql;
    }

    /** The dialect of the database behind a datasource. */
    static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new SessionStoreException("Cannot reach the session database to find out which it is", e);
        }
    }

    static Dialect of(String databaseProductName) {
        String product = databaseProductName.toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return MARIADB;
        }
        throw new IllegalStateException(
                "SessionDB supports H2, PostgreSQL and MariaDB/MySQL, not " + databaseProductName);
    }

    /** The folder under {@code db/migration} that holds this database's scripts. */
    String migrationFolder() {
        return migrationFolder;
    }

    /** Inserts or replaces one attribute; parameters: storage key, name, serialized value. */
    String upsertAttributeSql() {
        return upsertAttributeSql;
    }
}
