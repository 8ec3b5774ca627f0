package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What differs between the supported databases: the folder of their migration scripts, the one
 * statement that writes an attribute whether or not its row exists yet (an upsert), so two requests
 * setting the same new attribute at once cannot collide on its key, the database's clock, which the
 * statements built here read, and whether a whole save fits in one statement (PostgreSQL's data-modifying
 * {@code WITH}). The per-session statements are plain JDBC, with {@code ?} parameters.
 */
public enum Dialect {
    H2(
            "h2",
            "MERGE INTO sessiondb_attribute (session_id, name, value_bytes) KEY (session_id, name) VALUES (?, ?, ?)",
            "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)",
            false),
    POSTGRESQL(
            "postgresql",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?, ?, ?)"
                    + " ON CONFLICT (session_id, name) DO UPDATE SET value_bytes = EXCLUDED.value_bytes",
            "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)",
            true),
    MARIADB(
            "mariadb",
            "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE value_bytes = VALUES(value_bytes)",
            "CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)",
            false);

    private final String migrationFolder;
    private final String upsertAttributeSql;
    private final String nowMsSql;
    private final boolean savesInOneStatement;
    // the statements that read the database's clock, built once: most run on every request
    private final String findLiveSql;
    /** By the number of keys they ask for. */
    private final String[] liveVersionsSql;

    private final String findExpiredKeysJpql;
    private final String lockExpiredJpql;
    private final String insertSessionSql;
    private final String updateSessionSql;
    private final String changeKeySql;
    private final String countRotatedSql;
    private final String countLiveSql;
    private final String lockSessionSql;
    private final String lockedUntilSql;
    private final String addVisitsSql;

    Dialect(String migrationFolder, String upsertAttributeSql, String nowMsSql, boolean savesInOneStatement) {
        this.migrationFolder = migrationFolder;
        this.upsertAttributeSql = upsertAttributeSql;
        this.nowMsSql = nowMsSql;
        this.savesInOneStatement = savesInOneStatement;
        String jpqlNow = "SQL('" + nowMsSql + "')";
        findLiveSql = "SELECT s.created_ms, s.last_accessed_ms, s.max_inactive_seconds, s.principal_name,"
                + " s.signed_in, s.locked_until_ms, s.visits, s.last_request_ms, s.version, s.expires_at_ms, "
                + nowMsSql + ", a.name, a.value_bytes"
                + " FROM sessiondb_session s LEFT JOIN sessiondb_attribute a ON a.session_id = s.id"
                + " WHERE s.id = ? AND s.expires_at_ms > " + nowMsSql;
        liveVersionsSql = new String[SessionRepository.MOST_VERSIONS_AT_ONCE + 1];
        for (int count = 1; count < liveVersionsSql.length; count++) {
            liveVersionsSql[count] = "SELECT id, version FROM sessiondb_session WHERE id IN ("
                    + String.join(", ", Collections.nCopies(count, "?")) + ") AND expires_at_ms > " + nowMsSql;
        }
        findExpiredKeysJpql =
                "SELECT s.key FROM SessionEntity s WHERE s.expiresAtMs <= " + jpqlNow + " ORDER BY s.expiresAtMs";
        lockExpiredJpql = "SELECT s.key FROM SessionEntity s WHERE s.key IN :keys AND s.expiresAtMs <= " + jpqlNow
                + " ORDER BY s.key";
        insertSessionSql = "INSERT INTO sessiondb_session (id, created_ms, last_accessed_ms, max_inactive_seconds,"
                + " expires_at_ms, principal_name, signed_in, version, visits, last_request_ms, user_agent,"
                + " client_address) VALUES (?, ?, ?, ?, " + expiry(nowMsSql) + ", ?, ?, ?, ?, ?, ?, ?)";
        String accessed = "GREATEST(last_accessed_ms, " + nowMsSql + ")";
        // the expiry is assigned first and reads only the old access time, so the result is the same where
        // later assignments see earlier ones (MariaDB) and where they do not; a field is written only when
        // the save changed it
        updateSessionSql = "UPDATE sessiondb_session SET expires_at_ms = " + expiry(accessed)
                + ", last_accessed_ms = " + accessed
                + ", max_inactive_seconds = CASE WHEN ? THEN ? ELSE max_inactive_seconds END"
                + ", principal_name = CASE WHEN ? THEN ? ELSE principal_name END"
                + ", signed_in = CASE WHEN ? THEN ? ELSE signed_in END, version = ?"
                + " WHERE id = ? AND version = ? AND expires_at_ms > " + nowMsSql;
        // the old id is read first: MariaDB applies assignments left to right, each seeing the ones before
        changeKeySql = "UPDATE sessiondb_session SET previous_id = id, rotated_at_ms = " + nowMsSql
                + ", principal_name = ?, version = ?, id = ? WHERE id = ? AND version = ? AND expires_at_ms > "
                + nowMsSql;
        countRotatedSql = "SELECT COUNT(*) FROM sessiondb_session WHERE previous_id = ? AND rotated_at_ms > " + nowMsSql
                + " - ? AND expires_at_ms > " + nowMsSql;
        countLiveSql = "SELECT COUNT(*) FROM sessiondb_session WHERE id = ? AND expires_at_ms > " + nowMsSql;
        lockSessionSql = "UPDATE sessiondb_session SET locked_until_ms = " + nowMsSql + " + ? WHERE id = ?"
                + " AND (locked_until_ms IS NULL OR locked_until_ms <= " + nowMsSql + ") AND expires_at_ms > "
                + nowMsSql;
        lockedUntilSql = "SELECT locked_until_ms FROM sessiondb_session WHERE id = ?";
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

    /**
     * Whether a save, the session row with its attributes, is one statement ({@link #saveSql}); otherwise it
     * is the row's statement and then the attributes', in one transaction.
     */
    boolean savesInOneStatement() {
        return savesInOneStatement;
    }

    /** Inserts or replaces one attribute; parameters: storage key, name, serialized value. */
    String upsertAttributeSql() {
        return upsertAttributeSql;
    }

    /** Deletes attributes of a session by name; parameters: storage key, then {@code names} names. */
    static String deleteAttributesSql(int names) {
        return "DELETE FROM sessiondb_attribute WHERE session_id = ? AND name IN (" + placeholders(names) + ")";
    }

    /**
     * Loads a live session with its attributes and the database's time, a row per attribute (one row of
     * nulls for none; see {@link SessionDataReader}); parameter: key.
     */
    String findLiveSql() {
        return findLiveSql;
    }

    /** The keys and versions of live sessions' rows; parameters: {@code count} keys. */
    String liveVersionsSql(int count) {
        return liveVersionsSql[count];
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
     * Inserts a new session, its expiry by the database's clock; parameters: key, creation time (also the
     * first access: both are the moment the session's first request began, by its node's clock, so neither
     * changes between that request and the next), the same again, timeout seconds, the timeout twice more
     * (for the expiry), principal, signed-in caller, version, visits, last request time (null for none),
     * user agent, client address.
     */
    String insertSessionSql() {
        return insertSessionSql;
    }

    /**
     * Writes a save to a stored session's row if the row is live and still at the version the save is
     * based on, touching it with the database's clock and never moving its access time backwards; changes
     * one row, or none when the row changed or ended meanwhile. Parameters: timeout seconds twice (for the
     * expiry), whether the timeout changed and the timeout, whether the principal changed and the
     * principal, whether the signed-in caller changed and the caller, the new version, key, the version
     * the save is based on.
     */
    String updateSessionSql() {
        return updateSessionSql;
    }

    /**
     * A whole save in one statement, where {@link #savesInOneStatement()}: {@code rowSql} (the insert or the
     * update), then the removal of {@code removed} attributes and the upsert of {@code written} attributes,
     * both only if the row was written; its one result is the number of rows written (0 or 1). Parameters:
     * {@code rowSql}'s, then {@code removed} names, then a name and a value per written attribute.
     */
    static String saveSql(String rowSql, int removed, int written) {
        StringBuilder sql = new StringBuilder("WITH s AS (").append(rowSql).append(" RETURNING id)");
        if (removed > 0) {
            sql.append(", r AS (DELETE FROM sessiondb_attribute WHERE session_id IN (SELECT id FROM s) AND name IN (")
                    .append(placeholders(removed))
                    .append("))");
        }
        if (written > 0) {
            sql.append(", w AS (INSERT INTO sessiondb_attribute (session_id, name, value_bytes)")
                    .append(" SELECT s.id, v.name, v.value_bytes FROM s, (VALUES ")
                    .append(String.join(", ", Collections.nCopies(written, "(?, ?)")))
                    .append(") AS v (name, value_bytes)")
                    .append(" ON CONFLICT (session_id, name) DO UPDATE SET value_bytes = EXCLUDED.value_bytes)");
        }
        return sql.append(" SELECT COUNT(*) FROM s").toString();
    }

    /**
     * Gives a live session a new key, if its row is still at the version the change is based on, and
     * remembers the old key with the time, in one statement; parameters: principal, new version, new key,
     * old key, the version the change is based on. Changes one row, or none when the row changed or ended.
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
     * Takes a live session's lock for {@code ?1} milliseconds by the database's clock, if no request
     * holds it or its holder's lease has run out; parameters: lease milliseconds, key. Changes one row
     * when the lock was taken, none otherwise.
     */
    String lockSessionSql() {
        return lockSessionSql;
    }

    /** The end of a session's lock lease, the token that releases it; parameter: key. */
    String lockedUntilSql() {
        return lockedUntilSql;
    }

    /**
     * Adds visits counted on a node to a session's row, in plain JDBC parameters: visits, the latest request
     * time, version, key. A new version, so other nodes holding the session load the new count.
     */
    String addVisitsSql() {
        return addVisitsSql;
    }

    private static String expiry(String accessedMs) {
        return "CASE WHEN ? > 0 THEN " + accessedMs + " + ? * 1000 ELSE " + Long.MAX_VALUE + " END";
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
