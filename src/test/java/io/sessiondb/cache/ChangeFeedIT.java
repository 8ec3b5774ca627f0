package io.sessiondb.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.store.RowVersions;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.store.TestStore;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Who PostgreSQL's writers announce their changes to (schema version 9), on the machine's server: only
 * while a node has stamped, less than a minute ago, that it listens; and a node counts as listening only once
 * the writers that may have missed its stamp have ended. The changes are made as another node would make
 * them, by plain updates of the version.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class ChangeFeedIT {

    private static final String DATABASE = "sessiondb_change_feed";
    private static final Duration HEARD_WITHIN = Duration.ofSeconds(10);

    private final List<String> changed = new CopyOnWriteArrayList<>();
    private TestStore store;
    private ChangeFeed feed;

    @BeforeEach
    void emptyDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestDatabase.POSTGRESQL.recreate(DATABASE));
        dataSource.setUser(TestDatabase.USER);
        dataSource.setPassword(TestDatabase.PASSWORD);
        store = TestStore.on(dataSource);
    }

    @AfterEach
    void stopFeed() {
        if (feed != null) {
            feed.stop();
        }
    }

    @Test
    void aChangeIsAnnouncedOnlyWhileTheNewestStampThatANodeListensIsLessThanAMinuteOld() throws SQLException {
        store.insert("cart", 1800, Map.of());
        try (Connection listener = TestDatabase.POSTGRESQL.connect(DATABASE)) {
            execute(listener, "LISTEN " + ChangeFeed.CHANNEL);
            long unstamped = newVersion("cart");
            stampMillisecondsAgo(listener, ChangeFeed.TRUSTED_FOR_MS * 2 + 1_000);
            long stampedTooLongAgo = newVersion("cart");
            stampMillisecondsAgo(listener, ChangeFeed.TRUSTED_FOR_MS);
            long stampedRecently = newVersion("cart");

            // announcements arrive in commit order: the last one's comes after any earlier one's
            List<String> announced = announcementsUntil(listener, key("cart") + " " + stampedRecently);
            assertThat(announced)
                    .doesNotContain(key("cart") + " " + unstamped, key("cart") + " " + stampedTooLongAgo)
                    .containsExactly(key("cart") + " " + stampedRecently);
        }
    }

    @Test
    void aNodeListensOnlyOnceTheWritersBegunBeforeItsStampHaveEndedAndThenHearsEveryChange() throws SQLException {
        store.insert("cart", 1800, Map.of());
        try (Connection writer = TestDatabase.POSTGRESQL.connect(DATABASE)) {
            writer.setAutoCommit(false);
            // its trigger runs now, before any stamp: this change is not announced when it commits
            execute(writer, "UPDATE sessiondb_session SET version = version + 1 WHERE id = '" + key("cart") + "'");

            feed = startedFeed();
            await().atMost(HEARD_WITHIN).until(() -> stamp() > 0);
            await().during(Duration.ofMillis(500))
                    .atMost(HEARD_WITHIN)
                    .alias("a node that listened now could miss the open write's commit")
                    .until(() -> !feed.listening());

            writer.commit();
            await().atMost(HEARD_WITHIN).until(feed::listening);
        }
        newVersion("cart");
        await().atMost(HEARD_WITHIN).until(() -> changed.contains(key("cart")));
    }

    private ChangeFeed startedFeed() {
        ChangeFeed started = new ChangeFeed();
        started.database = store.database();
        started.versions = new RowVersions();
        started.start(
                new ChangeFeed.Subscriber() {
                    @Override
                    public void changed(String storageKey) {
                        changed.add(storageKey);
                    }

                    @Override
                    public void missedChanges() {}
                },
                Thread::new);
        return started;
    }

    /** Gives the session a new version, as another node's write would; returns it. */
    private long newVersion(String sessionId) {
        store.update("UPDATE sessiondb_session SET version = version + 1 WHERE id = ?", key(sessionId));
        return ((Number) store.sessionColumn(sessionId, "version")).longValue();
    }

    private long stamp() {
        return ((Number) store.value("SELECT last_value FROM sessiondb_listened")).longValue();
    }

    private static void stampMillisecondsAgo(Connection connection, long ago) throws SQLException {
        execute(
                connection,
                "SELECT setval('sessiondb_listened', CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT) - "
                        + ago + ")");
    }

    private static List<String> announcementsUntil(Connection listener, String last) throws SQLException {
        List<String> announced = new ArrayList<>();
        PGConnection notifications = listener.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + HEARD_WITHIN.toNanos();
        while (!announced.contains(last) && System.nanoTime() < deadline) {
            PGNotification[] heard = notifications.getNotifications(100);
            if (heard != null) {
                for (PGNotification notification : heard) {
                    announced.add(notification.getParameter());
                }
            }
        }
        return announced;
    }

    private static String key(String sessionId) {
        return StorageKeys.of(sessionId);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
