package io.sessiondb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What differs between the supported databases: the folder of their migration scripts, the one
 * statement that writes an attribute whether or not its row exists yet (an upsert), so two requests
 * setting the same new attribute at once cannot collide on its key, and the database's clock, which the
 * statements built here read.
 */
public enum Dialect {
    H2(
            "h2",
            "MERGE INTO sessiondb_attribute (session_id, name, value_bytes) KEY (session_id, name) VALUES (?1, ?2, ?3)",
            "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"),
    POSTGRESQL(
            "postgresql",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT (session_id, name) DO UPDATE SET value_bytes = EXCLUDED.value_bytes",
            "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)"),
    MARIADB(
            "mariadb",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?1, ?2, ?3)"
                    + " ON DUPLICATE KEY UPDATE value_bytes = VALUES(value_bytes)",
            "CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)");

    private final String migrationFolder;
    private final String upsertAttributeSql;
    private final String nowMsSql;
    // the statements that read the database's clock, built once: most run on every request
    private final String findLiveSql;
    private final String liveVersionSql;
    private final String findExpiredKeysJpql;
    private final String lockExpiredJpql;
    private final String insertSessionSql;
    private final String changeKeySql;
    private final String countRotatedSql;
    private final String countLiveSql;
    private final String touchSessionSql;
    private final String lockSessionSql;
    private final String addVisitsSql;

    Dialect(String migrationFolder, String upsertAttributeSql, String nowMsSql) {
        this.migrationFolder = migrationFolder;
        this.upsertAttributeSql = upsertAttributeSql;
        this.nowMsSql = nowMsSql;
        String jpqlNow = "SQL('" + nowMsSql + "')";
        findLiveSql = "SELECT s.created_ms, s.last_accessed_ms, s.max_inactive_seconds, s.principal_name,"
                + " s.signed_in, s.locked_until_ms, s.visits, s.last_request_ms, s.version, s.expires_at_ms, "
                + nowMsSql + ", a.name, a.value_bytes"
                + " FROM sessiondb_session s LEFT JOIN sessiondb_attribute a ON a.session_id = s.id"
                + " WHERE s.id = ?1 AND s.expires_at_ms > " + nowMsSql;
        liveVersionSql = "SELECT version FROM sessiondb_session WHERE id = ?1 AND expires_at_ms > " + nowMsSql;
        findExpiredKeysJpql =
                "SELECT s.key FROM SessionEntity s WHERE s.expiresAtMs <= " + jpqlNow + " ORDER BY s.expiresAtMs";
        lockExpiredJpql = "SELECT s.key FROM SessionEntity s WHERE s.key IN :keys AND s.expiresAtMs <= " + jpqlNow
                + " ORDER BY s.key";
        insertSessionSql = "INSERT INTO sessiondb_session (id, created_ms, last_accessed_ms, max_inactive_seconds,"
                + " expires_at_ms, principal_name, signed_in, version, visits, last_request_ms, user_agent,"
                + " client_address) VALUES (?1, ?7, ?7, ?2, " + expiry(nowMsSql, "?2")
                + ", ?3, ?4, ?8, ?5, NULLIF(?6, 0), ?9,"
                + " ?10)";
        changeKeySql = "UPDATE sessiondb_session SET previous_id = id, rotated_at_ms = " + nowMsSql
                + ", principal_name = ?3, version = ?4, id = ?1 WHERE id = ?2";
        countRotatedSql = "SELECT COUNT(*) FROM sessiondb_session WHERE previous_id = ?1 AND rotated_at_ms > "
                + nowMsSql + " - ?2 AND expires_at_ms > " + nowMsSql;
        countLiveSql = "SELECT COUNT(*) FROM sessiondb_session WHERE id = ?1 AND expires_at_ms > " + nowMsSql;
        String accessed = "GREATEST(last_accessed_ms, " + nowMsSql + ")";
        touchSessionSql = "UPDATE sessiondb_session SET expires_at_ms = " + expiry(accessed, "?1")
                + ", last_accessed_ms = " + accessed + ", max_inactive_seconds = ?1, principal_name = ?3,"
                + " signed_in = ?4, version = ?5 WHERE id = ?2";
        lockSessionSql = "UPDATE sessiondb_session SET locked_until_ms = " + nowMsSql + " + ?1 WHERE id = ?2"
                + " AND (locked_until_ms IS NULL OR locked_until_ms <= " + nowMsSql + ") AND expires_at_ms > "
                + nowMsSql;
        addVisitsSql = "UPDATE sessiondb_session SET visits = visits + ?,"
                + " last_request_ms = GREATEST(COALESCE(last_request_ms, 0), ?), version = ? WHERE id = ?";
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

    /** The database's clock in epoch milliseconds, an SQL expression. */
    String nowMsSql() {
        return nowMsSql;
    }

    /** Inserts or replaces one attribute; parameters: storage key, name, serialized value. */
    String upsertAttributeSql() {
        return upsertAttributeSql;
    }

    /**
     * Loads a live session with its attributes and the database's time, a row per attribute (one row of
     * nulls for none; see {@link SessionRows}); parameter: key. Native SQL: read straight into a {@link
     * SessionRecord}, without building entities that the request would never change.
     */
    String findLiveSql() {
        return findLiveSql;
    }

    /** The version of a live session's row; parameter: key. */
    String liveVersionSql() {
        return liveVersionSql;
    }

    /** The keys of expired sessions, oldest first. */
    String findExpiredKeysJpql() {
        return findExpiredKeysJpql;
    }

    /** Those of the given keys still expired, in key order (the order the sweeper locks them in); parameter: keys. */
    String lockExpiredJpql() {
        return lockExpiredJpql;
    }

    /**
     * Inserts a new session, its expiry by the database's clock; parameters: key, timeout seconds, principal,
     * signed-in caller, visits, last request time (0 for none), creation time, version, user agent, client
     * address. The creation time is also
     * the first access: both are the moment the session's first request began, by its node's clock, so
     * neither changes between that request and the next.
     */
    String insertSessionSql() {
        return insertSessionSql;
    }

    /**
     * Gives a session a new key and remembers the old one with the time, in one statement; parameters:
     * new key, old key, principal, version. The old id is read first: MariaDB applies assignments left to right,
     * each seeing the ones before, the others all see the old row.
     */
    String changeKeySql() {
        return changeKeySql;
    }

    /**
     * Counts the live sessions that had a key until less than a given time ago; parameters: old key,
     * milliseconds.
     */
    String countRotatedSql() {
        return countRotatedSql;
    }

    /** Counts the live sessions with a key; parameter: key. */
    String countLiveSql() {
        return countLiveSql;
    }

    /**
     * Touches a session with the database's clock, never moving its access time backwards; parameters:
     * timeout seconds, key, principal, signed-in caller, version. The expiry is assigned first and reads only the old access time, so the result
     * is the same where later assignments see earlier ones (MariaDB) and where they do not.
     */
    String touchSessionSql() {
        return touchSessionSql;
    }

    /**
     * Takes a live session's lock for {@code ?1} milliseconds by the database's clock, if no request
     * holds it or its holder's lease has run out; parameters: lease milliseconds, key. Changes one row
     * when the lock was taken, none otherwise.
     */
    String lockSessionSql() {
        return lockSessionSql;
    }

    /**
     * Adds visits counted on a node to a session's row, in plain JDBC parameters: visits, the latest request
     * time, version, key. A new version, so other nodes holding the session load the new count.
     */
    String addVisitsSql() {
        return addVisitsSql;
    }

    private static String expiry(String accessedMs, String timeoutSeconds) {
        return "CASE WHEN " + timeoutSeconds + " > 0 THEN " + accessedMs + " + " + timeoutSeconds + " * 1000 ELSE "
                + Long.MAX_VALUE + " END";
    }
}
