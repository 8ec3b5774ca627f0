package io.sessiondb.cache;

import io.sessiondb.SessionStoreException;
import io.sessiondb.store.Dialect;
import io.sessiondb.store.RowVersions;
import io.sessiondb.store.ServerConcurrency;
import io.sessiondb.store.SessionDatabase;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears which sessions are changed or deleted, from PostgreSQL: a trigger (schema versions 6 and 9) announces
 * every new row version and every deletion on the channel {@value #CHANNEL} as the transaction commits, and
 * one connection of this node listens there on a thread of its own. Announcements of the versions this node
 * wrote itself ({@link RowVersions}) are not passed on.
 *
 * <p>Writers announce only while a node listens, since an announcement serializes their commits: the
 * listening connection stamps the database's clock into the sequence {@code sessiondb_listened} as it starts
 * and with every heartbeat, and the trigger announces while the newest stamp is less than a minute old. A
 * writer whose trigger ran before this node's first stamp may not announce, so the node counts as listening
 * only once every such writer has ended.
 *
 * <p>A node may keep a session in memory only while it hears every change: when the connection fails, or
 * stops answering the heartbeat, or a stamp is late, the subscriber is told it may have missed some, and the
 * feed connects again.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    static final String CHANNEL = "sessiondb_session";
    /** How long one wait for announcements blocks, which bounds how long a stop takes. */
    private static final int WAIT_MS = 500;
    /** While not listening yet: how often to ask whether the writers that may not announce have ended. */
    private static final int ENDED_POLL_MS = 20;
    /** How often the connection proves it still reaches the database, and stamps that it listens. */
    private static final long HEARTBEAT_MS = 2_000;
    /** How long after a stamp writers still announce: as the trigger of schema version 9 has it. */
    private static final long ANNOUNCED_FOR_MS = 60_000;
    /** How long after sending its last stamp this node trusts that writers announce: well inside their minute. */
    static final long TRUSTED_FOR_MS = ANNOUNCED_FOR_MS / 2;
    /** After how long a node still waiting for writers to end says so. */
    private static final long WAITING_NOTED_AFTER_MS = 10_000;

    // each statement is named, so the listening connection is plain to see among a node's in pg_stat_activity
    /** The heartbeat, which stamps the database's clock, in milliseconds, for the trigger. */
    static final String STAMP = "SELECT setval('sessiondb_listened', CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP)"
            + " * 1000 AS BIGINT)) AS sessiondb_change_feed";
    /**
     * The transactions that are writing session rows: every writer holds this lock on the table from its
     * statement's start to its end, so one whose trigger ran before a stamp holds it when the stamp is done.
     */
    private static final String WRITERS = "SELECT string_agg(virtualtransaction, ',') AS sessiondb_change_feed"
            + " FROM pg_locks WHERE locktype = 'relation' AND relation = CAST('sessiondb_session' AS regclass)"
            + " AND mode = 'RowExclusiveLock' AND granted";
    /** How many of the listed writers are still at work. */
    private static final String WRITERS_LEFT = "SELECT COUNT(*) AS sessiondb_change_feed FROM pg_locks"
            + " WHERE locktype = 'relation' AND relation = CAST('sessiondb_session' AS regclass)"
            + " AND mode = 'RowExclusiveLock' AND virtualtransaction = ANY (string_to_array(?, ','))";

    private static final int NETWORK_TIMEOUT_MS = 5_000;
    private static final long RETRY_MS = 1_000;

    /** Told what the feed hears. Called on the feed's thread: must not block. */
    public interface Subscriber {

        /** Another node changed or deleted the session with this storage key. */
        void changed(String storageKey);

        /** Changes may have gone unheard: the connection failed or was not listening yet. */
        void missedChanges();
    }

    @Inject
    SessionDatabase database;

    @Inject
    RowVersions versions;

    private volatile boolean listening;
    /** {@link System#nanoTime()} as the last stamp that the database took was sent. */
    private volatile long stampedAtNanos;

    private volatile boolean stopped;

    /** Whether the session database can announce changes: PostgreSQL, reached through its own driver. */
    public boolean available() {
        if (database.dialect() != Dialect.POSTGRESQL) {
            return false;
        }
        try (Connection connection = database.dataSource().getConnection()) {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            throw new SessionStoreException("Cannot reach the session database to listen for changes", e);
        }
    }

    /** Starts listening, on a thread of its own; call only when {@link #available()}. */
    public void start(Subscriber subscriber) {
        start(subscriber, ServerConcurrency.threadFactory());
    }

    void start(Subscriber subscriber, ThreadFactory threads) {
        versions.remember();
        Thread thread = threads.newThread(() -> run(subscriber));
        thread.setName("sessiondb-change-feed");
        thread.start();
    }

    /** Whether every change committed from now on will be heard (unless the connection fails meanwhile). */
    public boolean listening() {
        return listening && System.nanoTime() - stampedAtNanos < TimeUnit.MILLISECONDS.toNanos(TRUSTED_FOR_MS);
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    private void run(Subscriber subscriber) {
        while (!stopped) {
            try {
                listen(subscriber);
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                boolean wasListening = listening;
                listening = false;
                subscriber.missedChanges();
                if (wasListening) {
                    LOG.log(
                            Level.WARNING,
                            "Lost the connection that hears session changes; sessions are loaded afresh until it is back",
                            e);
                } else {
                    LOG.log(Level.FINE, "Cannot listen for session changes yet; retrying", e);
                }
                pause();
            }
        }
    }

    private void listen(Subscriber subscriber) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            PGConnection notifications = connection.unwrap(PGConnection.class);
            // a connection that silently stops answering must fail, not hang: its heartbeat then times out
            connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MS);
            try {
                execute(connection, "LISTEN " + CHANNEL);
                stamp(connection);
                // writers whose trigger ran before the stamp may not announce: listening once they have ended
                String writersBefore = text(connection, WRITERS);
                long waitingSinceMs = System.currentTimeMillis();
                boolean waitingNoted = false;
                long heartbeatMs = waitingSinceMs;
                while (!stopped) {
                    PGNotification[] heard = notifications.getNotifications(listening ? WAIT_MS : ENDED_POLL_MS);
                    if (heard != null) {
                        for (PGNotification notification : heard) {
                            deliver(notification.getParameter(), subscriber);
                        }
                    }
                    if (!listening) {
                        long left = writersLeft(connection, writersBefore);
                        if (left == 0) {
                            LOG.fine("Listening for session changes");
                            listening = true;
                        } else if (!waitingNoted
                                && System.currentTimeMillis() - waitingSinceMs > WAITING_NOTED_AFTER_MS) {
                            waitingNoted = true;
                            LOG.info(() -> "Held sessions are checked against the database until " + left
                                    + " transactions writing sessions, begun before this node listened, have ended");
                        }
                    }
                    if (System.currentTimeMillis() - heartbeatMs >= HEARTBEAT_MS) {
                        heartbeat(connection);
                        heartbeatMs = System.currentTimeMillis();
                    }
                }
                // stopping: the connection goes back to the pool, whose next user must not collect announcements
                execute(connection, "UNLISTEN *");
            } catch (SQLException | RuntimeException e) {
                discard(connection);
                throw e;
            }
        }
    }

    /**
     * A failed listening connection is aborted, not given back to the pool: a pool that finds a dead
     * connection may close all of its connections (Payara's {@code fail-all-connections}), failing requests
     * that were using them.
     */
    private static void discard(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not abort a failed listening connection", e);
        }
    }

    /** An announcement is {@code "<key> <version>"} for a new version, {@code "<key>"} for a deletion. */
    private void deliver(String announcement, Subscriber subscriber) {
        int space = announcement.indexOf(' ');
        if (space < 0) {
            subscriber.changed(announcement);
        } else if (!versions.writtenHere(Long.parseLong(announcement.substring(space + 1)))) {
            subscriber.changed(announcement.substring(0, space));
        }
    }

    /**
     * Stamps again that this node listens. A stamp later than the trust allows may come after writers stopped
     * announcing: then changes may have gone unheard, and the feed starts over.
     */
    private void heartbeat(Connection connection) throws SQLException {
        long lateByNanos = System.nanoTime() - stampedAtNanos;
        if (lateByNanos >= TimeUnit.MILLISECONDS.toNanos(TRUSTED_FOR_MS)) {
            throw new IllegalStateException("The heartbeat of the connection that hears session changes came "
                    + TimeUnit.NANOSECONDS.toMillis(lateByNanos) + " ms after the one before");
        }
        stamp(connection);
    }

    /** Stamps that this node listens, for the trigger. */
    private void stamp(Connection connection) throws SQLException {
        long sentAt = System.nanoTime();
        execute(connection, STAMP);
        stampedAtNanos = sentAt;
    }

    private static long writersLeft(Connection connection, String writers) throws SQLException {
        if (writers == null) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(WRITERS_LEFT)) {
            statement.setString(1, writers);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
