package io.sessiondb.e2e.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes with {@code sessiondb.cache.coherence=notify} on one PostgreSQL database: a node uses the sessions
 * it holds without asking the database, so only PostgreSQL's announcements (the trigger of schema version 6,
 * heard on one listening connection per node) can tell it that the other node changed one. The server logs
 * stay under {@code target/e2e/postgresql/ChangeNotificationIT/}.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class ChangeNotificationIT {

    private static final String DATABASE = "sessiondb_change_notification";
    private static final Duration ANNOUNCED_WITHIN = Duration.ofSeconds(5);

    private static PayaraMicroServer nodeA;
    private static PayaraMicroServer nodeB;

    @BeforeAll
    static void startTwoNotifiedNodes() throws SQLException {
        String url = TestDatabase.POSTGRESQL.recreate(DATABASE);
        Path workDir = BuildOutput.freshWorkDir("ChangeNotificationIT");
        nodeA = node(workDir, "node-a", url).launch();
        nodeB = node(workDir, "node-b", url).launch();
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    private static PayaraMicroServer node(Path workDir, String name, String url) {
        return PayaraMicroServer.in(workDir.resolve(name))
                // the application name tells the nodes' connections apart in pg_stat_activity
                .onDatabase(url + "?ApplicationName=" + name)
                .withEnv("SESSIONDB_CACHE_COHERENCE", "notify")
                .withEnv("SESSIONDB_VISITS_ENABLED", "false");
    }

    @AfterAll
    static void stopBothNodes() {
        for (PayaraMicroServer node : new PayaraMicroServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aChangeOnOneNodeReachesTheSessionTheOtherHolds() {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        assertThat(visitor.addItem(nodeA, "apple").status()).isEqualTo(201);
        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple"); // held by A since its save

        assertThat(visitor.addItem(nodeB, "pear").status()).isEqualTo(201);

        await().atMost(ANNOUNCED_WITHIN)
                .untilAsserted(() ->
                        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple", "pear"));
        assertThat(visitor.addItem(nodeA, "plum").items()).containsExactly("apple", "pear", "plum");
        await().atMost(ANNOUNCED_WITHIN)
                .untilAsserted(() ->
                        assertThat(visitor.get(nodeB, "/api/cart").items()).containsExactly("apple", "pear", "plum"));
    }

    @Test
    void aSessionLoggedOutOnOneNodeIsGoneOnTheOther() {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        ApiResponse added = visitor.addItem(nodeA, "apple");
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        String id = visitor.sessionId;
        ApiResponse cart = visitor.get(nodeA, "/api/cart");
        assertThat(cart.items()).as("%s", cart).containsExactly("apple");

        assertThat(visitor.post(nodeB, "/api/logout").status()).isEqualTo(204);

        await().atMost(ANNOUNCED_WITHIN).untilAsserted(() -> {
            TwoNodeVisitor replay = new TwoNodeVisitor();
            replay.sessionId = id; // the old cookie, replayed
            assertThat(replay.get(nodeA, "/api/cart").items()).isEmpty();
        });
    }

    @Test
    void aNodeWhoseListeningConnectionIsCutTrustsNothingItHeldUntilItListensAgain() throws SQLException {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        visitor.addItem(nodeA, "apple");
        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple");
        int lostBefore = lostConnectionWarnings(nodeA);

        terminateListeningConnectionOf("node-a");
        await().atMost(ANNOUNCED_WITHIN).until(() -> lostConnectionWarnings(nodeA) > lostBefore);
        // announced while A is not listening: A hears nothing of it
        assertThat(visitor.addItem(nodeB, "pear").status()).isEqualTo(201);

        assertThat(visitor.get(nodeA, "/api/cart").items())
                .as("A may have missed changes, so it loads what it held")
                .containsExactly("apple", "pear");
        await().atMost(ANNOUNCED_WITHIN)
                .untilAsserted(() -> assertThat(listeningConnections("node-a")).isOne());
        assertThat(visitor.addItem(nodeB, "plum").status()).isEqualTo(201);
        await().atMost(ANNOUNCED_WITHIN)
                .untilAsserted(() ->
                        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple", "pear", "plum"));
    }

    private static int lostConnectionWarnings(PayaraMicroServer node) {
        return node.log().split("Lost the connection that hears session changes", -1).length - 1;
    }

    /** The node's connection that listens: the one whose last statement was the LISTEN or one of the feed's. */
    private static final String LISTENING = "SELECT pid FROM pg_stat_activity WHERE application_name = ?1"
            + " AND (query = 'LISTEN sessiondb_session' OR query LIKE '%AS sessiondb\\_change\\_feed%')";

    private static int listeningConnections(String node) throws SQLException {
        int count = 0;
        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(LISTENING.replace("?1", "'" + node + "'"))) {
            while (rows.next()) {
                count++;
            }
        }
        return count;
    }

    private static void terminateListeningConnectionOf(String node) throws SQLException {
        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT pg_terminate_backend(pid) FROM ("
                        + LISTENING.replace("?1", "'" + node + "'") + ") AS listening")) {
            assertThat(rows.next()).as("a listening connection of %s", node).isTrue();
        }
    }
}
