package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import io.sessiondb.config.SessionDbConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The visit stamps of stored sessions that this node has counted but not yet written: a request that only
 * reads its session then costs no write. Every {@code sessiondb.visits.flush-interval-ms} one batch adds
 * them to their rows ({@code visits = visits + n}, so nodes counting the same session lose nothing to each
 * other), in one transaction that locks the rows in key order, so two nodes flushing at once cannot
 * deadlock. A crash loses at most the stamps of the last interval; a stop writes them first.
 *
 * <p>Holds an entry only for the sessions stamped in the last few intervals, never one per stored session.
 */
@ApplicationScoped
public class PendingVisits {

    private static final Logger LOG = Logger.getLogger(PendingVisits.class.getName());
    /** Intervals an entry outlives its last stamp: see {@link Entry#lastShown}. */
    private static final int IDLE_INTERVALS_KEPT = 3;

    @Inject
    SessionDatabase database;

    @Inject
    SessionDbConfig config;

    @Inject
    RowVersions versions;

    /** By storage key. Every change to an entry runs inside the map's compute for its key: atomic per key. */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private ScheduledFuture<?> schedule;

    /**
     * One session's stamps not yet written.
     *
     * @param visits visits counted here since the last flush
     * @param lastRequestMs the latest of their request times
     * @param lastShown the count the last stamp of this session here showed: a request whose row was read
     *     just before a flush wrote this node's pending visits, and is stamped just after, would otherwise
     *     count them neither in the row nor here
     * @param stampedAtMs when this node last stamped the session
     */
    private record Entry(long visits, long lastRequestMs, long lastShown, long stampedAtMs) {}

    /** Called once as the application starts, after the schema is current. */
    public void start() {
        long intervalMs = config.visits().flushIntervalMs();
        schedule = ServerConcurrency.scheduler()
                .scheduleWithFixedDelay(this::flushSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            flushSafely();
        }
    }

    /**
     * Counts visits of a stored session.
     *
     * @param storageKey the session's storage key ({@link StorageKeys#of})
     * @param storedVisits the count its row held when this node read it
     * @param added visits to add: one per request, more when a session stored before schema version 5
     *     brings its count over from its attributes
     * @param nowMs the request's time
     * @return the count this request sees, its own visit included
     */
    public long stamp(String storageKey, long storedVisits, long added, long nowMs) {
        Entry stamped = entries.compute(storageKey, (key, entry) -> {
            long pending = (entry == null ? 0 : entry.visits) + added;
            long lastShown = entry == null ? 0 : entry.lastShown;
            long lastRequestMs = entry == null ? nowMs : Math.max(entry.lastRequestMs, nowMs);
            return new Entry(pending, lastRequestMs, Math.max(storedVisits + pending, lastShown + added), nowMs);
        });
        return stamped.lastShown;
    }

    /** A session's id changed: its stamps not yet written follow it to its new row key. */
    void moved(String oldSessionId, String newSessionId) {
        Entry entry = entries.remove(StorageKeys.of(oldSessionId));
        if (entry != null) {
            entries.merge(StorageKeys.of(newSessionId), entry, PendingVisits::combined);
        }
    }

    /**
     * Writes every pending stamp now, in one batch and one transaction.
     *
     * @return how many session rows the batch addressed
     * @throws SessionStoreException when the database fails; the stamps stay pending for the next flush
     */
    public int flush() {
        Map<String, Entry> taken = new TreeMap<>(); // key order: the order the rows are locked in
        long nowMs = System.currentTimeMillis();
        long idleMs = (long) IDLE_INTERVALS_KEPT * config.visits().flushIntervalMs();
        for (String key : entries.keySet()) {
            entries.computeIfPresent(key, (k, entry) -> {
                if (entry.visits > 0) {
                    taken.put(k, entry);
                    return new Entry(0, entry.lastRequestMs, entry.lastShown, entry.stampedAtMs);
                }
                return nowMs - entry.stampedAtMs > idleMs ? null : entry;
            });
        }
        if (taken.isEmpty()) {
            return 0;
        }
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement add =
                    connection.prepareStatement(database.dialect().addVisitsSql())) {
                for (Map.Entry<String, Entry> pending : taken.entrySet()) {
                    add.setLong(1, pending.getValue().visits);
                    add.setLong(2, pending.getValue().lastRequestMs);
                    add.setLong(3, versions.forVisitCount());
                    add.setString(4, pending.getKey());
                    add.addBatch();
                }
                add.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            taken.forEach((key, entry) -> entries.merge(
                    key, new Entry(entry.visits, entry.lastRequestMs, 0, entry.stampedAtMs), PendingVisits::combined));
            throw new SessionStoreException("Could not write visit stamps: the session database failed", e);
        }
        return taken.size();
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Visit stamps not written; will retry", e);
        }
    }

    private static Entry combined(Entry current, Entry added) {
        return new Entry(
                current.visits + added.visits,
                Math.max(current.lastRequestMs, added.lastRequestMs),
                Math.max(current.lastShown, added.lastShown),
                Math.max(current.stampedAtMs, added.stampedAtMs));
    }
}
