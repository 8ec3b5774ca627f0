package io.sessiondb.store;

import io.sessiondb.metrics.SessionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link SessionRepository} on JPA. Request reads run without a transaction; each write is one
 * transaction that touches only the rows a {@link SessionWrite} names, using bulk statements so nothing
 * is read first.
 */
@ApplicationScoped
@ReportsFailedCommits
public class JpaSessionRepository implements SessionRepository {

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

    @Override
    public Optional<SessionRecord> findById(String sessionId) {
        String key = StorageKeys.of(sessionId);
        metrics.sessionLoaded();
        return read(
                "load a session",
                em -> SessionRows.toRecord(
                        key,
                        em.createNativeQuery(database.dialect().findLiveSql())
                                .setParameter(1, key)
                                .getResultList()));
    }

    @Override
    public OptionalLong liveVersion(String sessionId) {
        return read("check a session's version", em -> {
            List<?> versions = em.createNativeQuery(database.dialect().liveVersionSql())
                    .setParameter(1, StorageKeys.of(sessionId))
                    .getResultList();
            return versions.isEmpty() ? OptionalLong.empty() : OptionalLong.of(((Number) versions.get(0)).longValue());
        });
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public LockAttempt tryLock(String sessionId, long leaseMs) {
        return inTransaction("lock a session", em -> {
            String key = StorageKeys.of(sessionId);
            if (em.createNativeQuery(database.dialect().lockSessionSql())
                            .setParameter(1, leaseMs)
                            .setParameter(2, key)
                            .executeUpdate()
                    == 1) {
                return LockAttempt.LOCKED;
            }
            // no row changed: a lock held elsewhere, or no live session
            boolean live = count(em.createNativeQuery(database.dialect().countLiveSql())
                            .setParameter(1, key))
                    > 0;
            return live ? LockAttempt.HELD_ELSEWHERE : LockAttempt.NO_SESSION;
        });
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unlock(String sessionId, long lockedUntilMs) {
        inTransaction("unlock a session", em -> em.createNamedQuery(SessionEntity.UNLOCK)
                .setParameter("key", StorageKeys.of(sessionId))
                .setParameter("lockedUntilMs", lockedUntilMs)
                .executeUpdate());
    }

    @Override
    @Transactional
    public long save(SessionWrite write) {
        long version = versions.forSessionWrite();
        inTransaction("save a session", em -> {
            String key = StorageKeys.of(write.sessionId());
            // access and expiry times come from the database's clock, so nodes with skewed clocks agree
            Dialect dialect = database.dialect();
            if (write.newSession()) {
                em.createNativeQuery(dialect.insertSessionSql())
                        .setParameter(1, key)
                        .setParameter(2, (long) write.metadata().maxInactiveSeconds())
                        .setParameter(3, write.metadata().principalName())
                        .setParameter(4, write.metadata().storedSignedIn())
                        .setParameter(5, write.metadata().visits())
                        .setParameter(6, write.metadata().lastRequestMs())
                        .setParameter(7, write.metadata().createdMs())
                        .setParameter(8, version)
                        .setParameter(9, write.metadata().userAgent())
                        .setParameter(10, write.metadata().clientAddress())
                        .executeUpdate();
            } else if (em.createNativeQuery(dialect.touchSessionSql())
                            .setParameter(1, (long) write.metadata().maxInactiveSeconds())
                            .setParameter(2, key)
                            .setParameter(3, write.metadata().principalName())
                            .setParameter(4, write.metadata().storedSignedIn())
                            .setParameter(5, version)
                            .executeUpdate()
                    == 0) {
                throw new SessionDeletedException();
            }
            // an upsert, not insert-or-update: another request may have written the same new attribute
            String upsert = database.dialect().upsertAttributeSql();
            Map<String, byte[]> written = new HashMap<>(write.insertedAttributes());
            written.putAll(write.updatedAttributes());
            written.forEach((name, bytes) -> em.createNativeQuery(upsert)
                    .setParameter(1, key)
                    .setParameter(2, name)
                    .setParameter(3, bytes)
                    .executeUpdate());
            write.removedAttributes().forEach(name -> em.createNamedQuery(AttributeEntity.DELETE)
                    .setParameter("sessionKey", key)
                    .setParameter("name", name)
                    .executeUpdate());
            em.flush();
            return null;
        });
        return version;
    }

    @Override
    @Transactional
    public boolean deleteById(String sessionId) {
        return inTransaction(
                "delete a session",
                em -> em.createNamedQuery(SessionEntity.DELETE)
                                .setParameter("key", StorageKeys.of(sessionId))
                                .executeUpdate()
                        > 0);
    }

    @Override
    @Transactional
    public OptionalLong changeId(String oldSessionId, String newSessionId, String principalName) {
        long version = versions.forSessionWrite();
        // attribute rows follow through ON UPDATE CASCADE
        boolean changed = inTransaction(
                "change a session id",
                em -> em.createNativeQuery(database.dialect().changeKeySql())
                                .setParameter(1, StorageKeys.of(newSessionId))
                                .setParameter(2, StorageKeys.of(oldSessionId))
                                .setParameter(3, principalName)
                                .setParameter(4, version)
                                .executeUpdate()
                        > 0);
        if (!changed) {
            return OptionalLong.empty();
        }
        pendingVisits.moved(oldSessionId, newSessionId);
        return OptionalLong.of(version);
    }

    @Override
    public boolean rotatedWithin(String oldSessionId, int graceSeconds) {
        return read(
                "look up a replaced session id",
                em -> count(em.createNativeQuery(database.dialect().countRotatedSql())
                                .setParameter(1, StorageKeys.of(oldSessionId))
                                .setParameter(2, graceSeconds * 1000L))
                        > 0);
    }

    @Override
    public boolean exists(String sessionId) {
        return read(
                "look up a session",
                em -> count(em.createNativeQuery(database.dialect().countLiveSql())
                                .setParameter(1, StorageKeys.of(sessionId)))
                        > 0);
    }

    @Override
    public List<SessionRecord> findExpired(int limit) {
        return read("find expired sessions", em -> {
            List<String> keys = em.createQuery(database.dialect().findExpiredKeysJpql(), String.class)
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
    @Transactional
    public Set<String> deleteExpired(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return inTransaction("delete expired sessions", em -> {
            Set<String> locked = Set.copyOf(em.createQuery(database.dialect().lockExpiredJpql(), String.class)
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

    private <T> T inTransaction(String action, Function<EntityManager, T> work) {
        return EntityWork.inTransaction(persistence, action, work);
    }

    private static long count(Query query) {
        return EntityWork.number(query);
    }
}
