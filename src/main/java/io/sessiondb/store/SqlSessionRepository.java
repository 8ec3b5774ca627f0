package io.sessiondb.store;

import io.sessiondb.metrics.SessionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link SessionRepository} on SessionDB's database. The statements of a session's requests are plain JDBC
 * ({@link Dialect}): a read is one query; a write commits by itself, in a local transaction where it takes
 * several statements, and a whole save is one statement on PostgreSQL. Every method runs outside the
 * caller's JTA transaction, which is suspended meanwhile ({@code NOT_SUPPORTED}): a session is not
 * transactional, and holding its row for the length of an application's transaction would stall the
 * session's other requests. The sweeper's batches go through JPA, for their pessimistic row locks.
 */
@ApplicationScoped
@ReportsFailedCommits
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SqlSessionRepository implements SessionRepository {

    private static final String DELETE_SQL = "DELETE FROM sessiondb_session WHERE id = ?";
    private static final String UNLOCK_SQL =
            "UPDATE sessiondb_session SET locked_until_ms = NULL WHERE id = ? AND locked_until_ms = ?";

    @Inject
    SessionPersistence persistence;

    @Inject
    SessionDatabase database;

    @Inject
    PendingVisits pendingVisits;

    @Inject
    SessionVersions versions;

    @Inject
    SessionMetrics metrics;

    private volatile SqlWork sql;

    @Override
    public Optional<SessionRecord> findById(String sessionId) {
        String key = StorageKeys.of(sessionId);
        metrics.sessionLoaded();
        return SessionRows.toRecord(
                key, sql().rows("load a session", dialect().findLiveSql(), statement -> statement.setString(1, key)));
    }

    @Override
    public OptionalLong liveVersion(String sessionId) {
        List<Object[]> rows = sql().rows(
                        "check a session's version",
                        dialect().liveVersionSql(),
                        statement -> statement.setString(1, StorageKeys.of(sessionId)));
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) rows.get(0)[0]).longValue());
    }

    @Override
    public LockAttempt tryLock(String sessionId, long leaseMs) {
        String key = StorageKeys.of(sessionId);
        return sql().autoCommitted("lock a session", connection -> {
            int locked = SqlWork.update(connection, dialect().lockSessionSql(), statement -> {
                statement.setLong(1, leaseMs);
                statement.setString(2, key);
            });
            if (locked == 1) {
                try (PreparedStatement until =
                        connection.prepareStatement(dialect().lockedUntilSql())) {
                    until.setString(1, key);
                    List<Object[]> rows = SqlWork.rows(until);
                    // gone already (invalidated elsewhere): nothing left to release
                    return rows.isEmpty() || rows.get(0)[0] == null
                            ? LockAttempt.NO_SESSION
                            : LockAttempt.locked(((Number) rows.get(0)[0]).longValue());
                }
            }
            // no row changed: a lock held elsewhere, or no live session
            try (PreparedStatement live = connection.prepareStatement(dialect().countLiveSql())) {
                live.setString(1, key);
                return ((Number) SqlWork.rows(live).get(0)[0]).longValue() > 0
                        ? LockAttempt.HELD_ELSEWHERE
                        : LockAttempt.NO_SESSION;
            }
        });
    }

    @Override
    public void unlock(String sessionId, long lockedUntilMs) {
        sql().update("unlock a session", UNLOCK_SQL, statement -> {
            statement.setString(1, StorageKeys.of(sessionId));
            statement.setLong(2, lockedUntilMs);
        });
    }

    @Override
    public OptionalLong save(SessionWrite write) {
        long version = versions.forSessionWrite();
        String key = StorageKeys.of(write.sessionId());
        boolean written = write.newSession() ? insert(key, write, version) : update(key, write, version);
        return written ? OptionalLong.of(version) : OptionalLong.empty();
    }

    private boolean insert(String key, SessionWrite write, long version) {
        Map<String, byte[]> attributes = written(write);
        if (attributes.isEmpty()) {
            return sql().update("save a new session", dialect().insertSessionSql(), statement -> {
                        bindInsert(statement, key, write, version);
                    })
                    == 1;
        }
        if (dialect().savesInOneStatement()) {
            return saveInOneStatement("save a new session", dialect().insertSessionSql(), write, statement -> {
                bindInsert(statement, key, write, version);
                return 14;
            });
        }
        return sql().inTransaction("save a new session", connection -> {
            SqlWork.update(connection, dialect().insertSessionSql(), statement -> {
                bindInsert(statement, key, write, version);
            });
            writeAttributes(connection, key, write);
            return true;
        });
    }

    private boolean update(String key, SessionWrite write, long version) {
        if (!write.writesAttributes()) {
            return sql().update("save a session", dialect().updateSessionSql(), statement -> {
                        bindUpdate(statement, key, write, version);
                    })
                    == 1;
        }
        if (dialect().savesInOneStatement()) {
            return saveInOneStatement("save a session", dialect().updateSessionSql(), write, statement -> {
                bindUpdate(statement, key, write, version);
                return 12;
            });
        }
        return sql().inTransaction("save a session", connection -> {
            int rows = SqlWork.update(connection, dialect().updateSessionSql(), statement -> {
                bindUpdate(statement, key, write, version);
            });
            if (rows == 0) {
                return false; // changed or ended meanwhile: nothing written
            }
            writeAttributes(connection, key, write);
            return true;
        });
    }

    /** The next parameter's index after the row statement's. */
    @FunctionalInterface
    private interface RowParameters {
        int set(PreparedStatement statement) throws SQLException;
    }

    private boolean saveInOneStatement(String action, String rowSql, SessionWrite write, RowParameters row) {
        Map<String, byte[]> attributes = written(write);
        String statementSql = Dialect.saveSql(rowSql, write.removedAttributes().size(), attributes.size());
        List<Object[]> rows = sql().rows(action, statementSql, statement -> {
            int index = row.set(statement);
            for (String name : write.removedAttributes()) {
                statement.setString(index++, name);
            }
            for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
                statement.setString(index++, attribute.getKey());
                statement.setBytes(index++, attribute.getValue());
            }
        });
        return ((Number) rows.get(0)[0]).longValue() == 1;
    }

    /** Upserts, not insert-or-update: another request may have written the same new attribute. */
    private void writeAttributes(Connection connection, String key, SessionWrite write) throws SQLException {
        Map<String, byte[]> attributes = written(write);
        if (!attributes.isEmpty()) {
            try (PreparedStatement upsert =
                    connection.prepareStatement(dialect().upsertAttributeSql())) {
                for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
                    upsert.setString(1, key);
                    upsert.setString(2, attribute.getKey());
                    upsert.setBytes(3, attribute.getValue());
                    upsert.addBatch();
                }
                SqlWork.batch(upsert);
            }
        }
        Set<String> removed = write.removedAttributes();
        if (!removed.isEmpty()) {
            SqlWork.update(connection, Dialect.deleteAttributesSql(removed.size()), statement -> {
                statement.setString(1, key);
                int index = 2;
                for (String name : removed) {
                    statement.setString(index++, name);
                }
            });
        }
    }

    private static Map<String, byte[]> written(SessionWrite write) {
        if (write.updatedAttributes().isEmpty()) {
            return write.insertedAttributes();
        }
        Map<String, byte[]> written = new HashMap<>(write.insertedAttributes());
        written.putAll(write.updatedAttributes());
        return written;
    }

    /** {@link Dialect#insertSessionSql()}'s 13 parameters. */
    private static void bindInsert(PreparedStatement statement, String key, SessionWrite write, long version)
            throws SQLException {
        SessionMetadata row = write.metadata();
        statement.setString(1, key);
        statement.setLong(2, row.createdMs());
        statement.setLong(3, row.createdMs());
        statement.setInt(4, row.maxInactiveSeconds());
        statement.setInt(5, row.maxInactiveSeconds());
        statement.setInt(6, row.maxInactiveSeconds());
        setText(statement, 7, row.principalName());
        setText(statement, 8, row.storedSignedIn());
        statement.setLong(9, version);
        statement.setLong(10, row.visits());
        if (row.lastRequestMs() == 0) {
            statement.setNull(11, Types.BIGINT);
        } else {
            statement.setLong(11, row.lastRequestMs());
        }
        setText(statement, 12, row.userAgent());
        setText(statement, 13, row.clientAddress());
    }

    /** {@link Dialect#updateSessionSql()}'s 11 parameters. */
    private static void bindUpdate(PreparedStatement statement, String key, SessionWrite write, long version)
            throws SQLException {
        SessionMetadata row = write.metadata();
        statement.setInt(1, row.maxInactiveSeconds());
        statement.setInt(2, row.maxInactiveSeconds());
        statement.setBoolean(3, write.changed(SessionWrite.RowField.TIMEOUT));
        statement.setInt(4, row.maxInactiveSeconds());
        statement.setBoolean(5, write.changed(SessionWrite.RowField.PRINCIPAL));
        setText(statement, 6, row.principalName());
        statement.setBoolean(7, write.changed(SessionWrite.RowField.SIGNED_IN));
        setText(statement, 8, row.storedSignedIn());
        statement.setLong(9, version);
        statement.setString(10, key);
        statement.setLong(11, write.baseVersion());
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    @Override
    public boolean deleteById(String sessionId) {
        return sql().update(
                                "delete a session",
                                DELETE_SQL,
                                statement -> statement.setString(1, StorageKeys.of(sessionId)))
                > 0;
    }

    @Override
    public OptionalLong changeId(String oldSessionId, String newSessionId, String principalName, long baseVersion) {
        long version = versions.forSessionWrite();
        // attribute rows follow through ON UPDATE CASCADE
        int changed = sql().update("change a session id", dialect().changeKeySql(), statement -> {
            setText(statement, 1, principalName);
            statement.setLong(2, version);
            statement.setString(3, StorageKeys.of(newSessionId));
            statement.setString(4, StorageKeys.of(oldSessionId));
            statement.setLong(5, baseVersion);
        });
        if (changed == 0) {
            return OptionalLong.empty();
        }
        pendingVisits.moved(oldSessionId, newSessionId);
        return OptionalLong.of(version);
    }

    @Override
    public boolean rotatedWithin(String oldSessionId, int graceSeconds) {
        return sql().number("look up a replaced session id", dialect().countRotatedSql(), statement -> {
                    statement.setString(1, StorageKeys.of(oldSessionId));
                    statement.setLong(2, graceSeconds * 1000L);
                })
                > 0;
    }

    @Override
    public boolean exists(String sessionId) {
        return sql().number(
                                "look up a session",
                                dialect().countLiveSql(),
                                statement -> statement.setString(1, StorageKeys.of(sessionId)))
                > 0;
    }

    @Override
    public List<SessionRecord> findExpired(int limit) {
        return read("find expired sessions", em -> {
            List<String> keys = em.createQuery(dialect().findExpiredKeysJpql(), String.class)
                    .setMaxResults(limit)
                    .getResultList();
            if (keys.isEmpty()) {
                return List.of();
            }
            return em.createNamedQuery(SessionEntity.FIND_WITH_ATTRIBUTES, SessionEntity.class)
                    .setParameter("keys", keys)
                    .getResultStream()
                    .map(SessionEntity::toRecord)
                    .toList();
        });
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Set<String> deleteExpired(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return EntityWork.inTransaction(persistence, "delete expired sessions", em -> {
            Set<String> locked = Set.copyOf(em.createQuery(dialect().lockExpiredJpql(), String.class)
                    .setParameter("keys", keys)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList());
            if (!locked.isEmpty()) {
                em.createNamedQuery(SessionEntity.DELETE_ALL)
                        .setParameter("keys", locked)
                        .executeUpdate();
            }
            return locked;
        });
    }

    private <T> T read(String action, Function<EntityManager, T> work) {
        return EntityWork.read(persistence, action, work);
    }

    private Dialect dialect() {
        return database.dialect();
    }

    private SqlWork sql() {
        SqlWork work = sql;
        if (work == null) {
            work = new SqlWork(database.dataSource());
            sql = work;
        }
        return work;
    }
}
