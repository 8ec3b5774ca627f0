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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears which sessions are changed or deleted, from PostgreSQL: a trigger (schema version 6) announces
 * every new row version and every deletion on the channel {@value #CHANNEL} as the transaction commits, and
 * one connection of this node listens there on a thread of its own. Announcements of the versions this node
 * wrote itself ({@link RowVersions}) are not passed on.
 *
 * <p>A node may keep a session in memory only while it hears every change: when the connection fails, or
 * stops answering the heartbeat, the subscriber is told it may have missed some, and the feed connects
 * again.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    static final String CHANNEL = "sessiondb_session";
    /** How long one wait for announcements blocks, which bounds how long a stop takes. */
    private static final int WAIT_MS = 500;
    /** How often the connection proves it still reaches the database, and how long it may take to. */
    private static final long HEARTBEAT_MS = 2_000;
    /** Named, so the listening connection is plain to see among a node's in {@code pg_stat_activity}. */
    static final String HEARTBEAT = "SELECT 1 AS sessiondb_change_feed";

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
        versions.remember();
        Thread thread = ServerConcurrency.threadFactory().newThread(() -> run(subscriber));
        thread.setName("sessiondb-change-feed");
        thread.start();
    }

    /** Whether every change committed from now on will be heard (unless the connection fails meanwhile). */
    public boolean listening() {
        return listening;
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
                if (!listening) {
                    LOG.fine("Listening for session changes");
                }
                listening = true;
                long heartbeatMs = System.currentTimeMillis();
                while (!stopped) {
                    PGNotification[] heard = notifications.getNotifications(WAIT_MS);
                    if (heard != null) {
                        for (PGNotification notification : heard) {
                            deliver(notification.getParameter(), subscriber);
                        }
                    }
                    if (System.currentTimeMillis() - heartbeatMs >= HEARTBEAT_MS) {
                        execute(connection, HEARTBEAT);
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
