package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.util.function.Function;

/** Runs work on SessionDB's persistence unit, turning JPA's failures into {@link SessionStoreException}s. */
final class EntityWork {

    private EntityWork() {}

    /** Work outside a transaction, or inside the caller's when there is one. */
    static <T> T read(StorePersistenceUnit persistence, String action, Function<EntityManager, T> work) {
        try (EntityManager em = persistence.entityManager()) {
            return work.apply(em);
        } catch (PersistenceException e) {
            throw new SessionStoreException("Could not " + action + ": the session database failed", e);
        }
    }

    /** Work in the transaction of the calling {@code @Transactional} method: written when that commits. */
    static <T> T inTransaction(StorePersistenceUnit persistence, String action, Function<EntityManager, T> work) {
        return read(persistence, action, em -> {
            em.joinTransaction();
            return work.apply(em);
        });
    }

    /** A native COUNT(*) or SUM: the number type differs between drivers; null (a SUM of nothing) is 0. */
    static long number(Query query) {
        Object result = query.getSingleResult();
        return result == null ? 0 : ((Number) result).longValue();
    }
}
