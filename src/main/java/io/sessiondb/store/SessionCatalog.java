package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The stored sessions as a whole, for the admin API and a user's list of their own sessions: listing,
 * finding by fingerprint, totals, and deleting live sessions. Only live sessions are listed or found: an
 * expired session is gone, swept or not.
 */
@ApplicationScoped
@ReportsFailedCommits
public class SessionCatalog {

    static final int LIVE_COUNT_MAX_AGE_SECONDS = 5;
    private static final String SUMMARY_COLUMNS = "SELECT id, created_ms, last_accessed_ms, last_request_ms,"
            + " expires_at_ms, principal_name, user_agent, client_address FROM sessiondb_session";

    @Inject
    StorePersistenceUnit persistence;

    @Inject
    SessionDatabase database;

    /** When {@link #recentLiveCount} last counted, and what. */
    private volatile long liveCountedAtNanos;

    private volatile long lastLiveCount = -1;

    /** One page of a listing, and how many sessions the whole listing holds. */
    public record Page(long total, List<Summary> sessions) {}

    /**
     * @param bytes the serialized size of one attribute
     */
    public record AttributeSize(String name, long bytes) {}

    /**
     * @param live sessions not expired
     * @param expired sessions expired and not swept yet
     * @param bytes the serialized size of every stored attribute
     */
    public record Totals(long live, long expired, long bytes) {}

    /**
     * Live sessions, the most recently accessed first.
     *
     * @param principalName only this user's sessions, or null for everyone's
     * @param page the page, from 0
     * @param size sessions per page
     */
    public Page list(String principalName, int page, int size) {
        String where = " WHERE expires_at_ms > " + database.dialect().nowMsSql()
                + (principalName == null ? "" : " AND principal_name = ?1");
        return read("list sessions", em -> {
            Query count = em.createNativeQuery("SELECT COUNT(*) FROM sessiondb_session" + where);
            Query rows = em.createNativeQuery(SUMMARY_COLUMNS + where + " ORDER BY last_accessed_ms DESC, id LIMIT "
                    + size + " OFFSET " + (long) page * size);
            if (principalName != null) {
                count.setParameter(1, principalName);
                rows.setParameter(1, principalName);
            }
            return new Page(EntityWork.number(count), summaries(rows));
        });
    }

    /** The storage keys of one user's live sessions. */
    public List<String> keysOfUser(String principalName) {
        return read("find a user's sessions", em -> ((List<?>) em.createNativeQuery(
                                "SELECT id FROM sessiondb_session WHERE principal_name = ?1" + " AND expires_at_ms > "
                                        + database.dialect().nowMsSql())
                        .setParameter(1, principalName)
                        .getResultList())
                .stream().map(String.class::cast).toList());
    }

    /**
     * The live sessions with this fingerprint: one, or more in the rare case that two keys begin alike.
     */
    public List<Summary> find(String fingerprint) {
        if (!Fingerprints.isSessionFingerprint(fingerprint)) {
            return List.of();
        }
        // '_' is a wildcard of LIKE: escaped, so only keys beginning with exactly the fingerprint match
        String pattern = fingerprint.replace("_", "!_") + "%";
        return read(
                "find a session",
                em -> summaries(
                        em.createNativeQuery(SUMMARY_COLUMNS + " WHERE id LIKE ?1 ESCAPE '!' AND expires_at_ms > "
                                        + database.dialect().nowMsSql())
                                .setParameter(1, pattern)));
    }

    /** A session's attribute names and serialized sizes, by name. */
    public List<AttributeSize> attributeSizes(String key) {
        return read("read a session's attribute sizes", em -> {
            List<?> rows = em.createNativeQuery("SELECT name, OCTET_LENGTH(value_bytes) FROM sessiondb_attribute"
                            + " WHERE session_id = ?1 ORDER BY name")
                    .setParameter(1, key)
                    .getResultList();
            return rows.stream()
                    .map(row -> (Object[]) row)
                    .map(row -> new AttributeSize((String) row[0], ((Number) row[1]).longValue()))
                    .toList();
        });
    }

    public Totals totals() {
        String now = database.dialect().nowMsSql();
        return read("count sessions", em -> {
            Object[] counts = (Object[]) em.createNativeQuery("SELECT"
                            + " SUM(CASE WHEN expires_at_ms > " + now + " THEN 1 ELSE 0 END),"
                            + " SUM(CASE WHEN expires_at_ms > " + now + " THEN 0 ELSE 1 END) FROM sessiondb_session")
                    .getSingleResult();
            long bytes = EntityWork.number(
                    em.createNativeQuery("SELECT SUM(OCTET_LENGTH(value_bytes)) FROM sessiondb_attribute"));
            return new Totals(number(counts[0]), number(counts[1]), bytes);
        });
    }

    /**
     * How many sessions are live, counted at most every {@value #LIVE_COUNT_MAX_AGE_SECONDS} seconds: for the
     * metrics' gauge, which every scrape reads. -1 while the database cannot be counted.
     */
    public long recentLiveCount() {
        long now = System.nanoTime();
        if (lastLiveCount < 0 || now - liveCountedAtNanos > TimeUnit.SECONDS.toNanos(LIVE_COUNT_MAX_AGE_SECONDS)) {
            try {
                lastLiveCount = liveCount();
            } catch (SessionStoreException e) {
                lastLiveCount = -1;
            }
            liveCountedAtNanos = now;
        }
        return lastLiveCount;
    }

    /** How many sessions are live. */
    public long liveCount() {
        return read(
                "count sessions",
                em -> EntityWork.number(
                        em.createNativeQuery("SELECT COUNT(*) FROM sessiondb_session WHERE expires_at_ms > "
                                + database.dialect().nowMsSql())));
    }

    /**
     * Deletes those of the given sessions that are still live, in one transaction that locks their rows
     * first (in key order, as the sweeper does), so a session deleted elsewhere meanwhile is not reported.
     *
     * @return the sessions this call deleted, as they were just before, attributes included
     */
    @Transactional
    public List<SessionData> deleteLive(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return EntityWork.inTransaction(persistence, "delete sessions", em -> {
            List<String> locked = em.createQuery(
                            "SELECT s.key FROM SessionEntity s WHERE s.key IN :keys AND s.expiresAtMs > SQL('"
                                    + database.dialect().nowMsSql() + "') ORDER BY s.key",
                            String.class)
                    .setParameter("keys", keys)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            if (locked.isEmpty()) {
                return List.of();
            }
            List<SessionData> deleted = em.createNamedQuery(SessionEntity.FIND_WITH_ATTRIBUTES, SessionEntity.class)
                    .setParameter("keys", locked)
                    .getResultStream()
                    .map(SessionEntity::toData)
                    .toList();
            em.createNamedQuery(SessionEntity.DELETE_ALL)
                    .setParameter("keys", locked)
                    .executeUpdate();
            return deleted;
        });
    }

    private static List<Summary> summaries(Query query) {
        return ((List<?>) query.getResultList())
                .stream()
                        .map(row -> (Object[]) row)
                        .map(c -> new Summary(
                                (String) c[0],
                                number(c[1]),
                                number(c[2]),
                                c[3] == null ? null : number(c[3]),
                                number(c[4]),
                                (String) c[5],
                                new SessionDevice((String) c[6], (String) c[7])))
                        .toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private <T> T read(String action, Function<EntityManager, T> work) {
        return EntityWork.read(persistence, action, work);
    }

    /**
     * A stored session as operators and its own user see it: never its id or values.
     *
     * @param key the storage key, for lookups within SessionDB; shown only as {@link #fingerprint()}
     * @param createdMs creation time, epoch milliseconds
     * @param lastAccessedMs last stored access (written at most once per touch interval)
     * @param lastRequestMs the last request stamped on it ({@code sessiondb.visits.enabled}), or null
     * @param expiresAtMs when it expires unless used again, by the database's clock; {@link Long#MAX_VALUE} for never
     * @param principalName the user it belongs to, or null
     * @param device where it was created from
     */
    public record Summary(
            String key,
            long createdMs,
            long lastAccessedMs,
            Long lastRequestMs,
            long expiresAtMs,
            String principalName,
            SessionDevice device) {

        public String fingerprint() {
            return Fingerprints.ofStorageKey(key);
        }

        /** The last sign of use: the last request stamped, or else the last stored access. */
        public long lastActiveMs() {
            return lastRequestMs == null ? lastAccessedMs : Math.max(lastAccessedMs, lastRequestMs);
        }
    }
}
