package io.sessiondb.store;

import io.sessiondb.operations.metrics.SessionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
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
    StorePersistenceUnit persistence;

    @Inject
    SessionDatabase database;

    @Inject
    PendingVisits pendingVisits;

    @Inject
    RowVersions versions;

    @Inject
    SessionMetrics metrics;

    private volatile SqlWork sql;

    @Override
    public Optional<SessionData> findById(String sessionId) {
        String key = StorageKeys.of(sessionId);
        metrics.sessionLoaded();
        return SessionDataReader.toData(
                key, sql().rows("load a session", dialect().findLiveSql(), statement -> statement.setString(1, key)));
    }

    @Override
    public Map<String, Long> liveVersions(List<String> sessionIds) {
        Map<String, String> idsByKey = new HashMap<>();
        sessionIds.forEach(id -> idsByKey.put(StorageKeys.of(id), id));
        List<String> keys = List.copyOf(idsByKey.keySet());
        List<Object[]> rows = sql().rows(
                        "check sessions' versions", dialect().liveVersionsSql(keys.size()), statement -> {
                            for (int i = 0; i < keys.size(); i++) {
                                statement.setString(i + 1, keys.get(i));
                            }
                        });
        Map<String, Long> versions = new HashMap<>();
        rows.forEach(row -> versions.put(idsByKey.get((String) row[0]), ((Number) row[1]).longValue()));
        return versions;
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
        SaveStatements statements = new SaveStatements(sql(), dialect(), StorageKeys.of(write.sessionId()), write);
        boolean written = write.newSession() ? statements.insert(version) : statements.update(version);
        return written ? OptionalLong.of(version) : OptionalLong.empty();
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
            SaveStatements.setText(statement, 1, principalName);
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
    public List<SessionData> findExpired(int limit) {
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
                    .map(SessionEntity::toData)
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
