package io.sessiondb.e2e.postgresql;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.e2e.postgresql.TwoNodeVisitor.Outcome;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.SetCookie;
import io.sessiondb.testing.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes, A and B, of the packaged WAR on Payara Micro, sharing one fresh PostgreSQL database, as in
 * production behind a load balancer without sticky sessions. Both boot at the same time on the empty
 * database, and the test holds Flyway's migration lock until both are waiting for it, so the two
 * migrations surely overlap. Then visitors' requests go to either node, with one cookie jar per visitor.
 * One test stops node A mid-run and starts it again. The server logs stay under {@code
 * target/e2e/postgresql/TwoNodesIT/}.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class TwoNodesIT {

    private static final String DATABASE = "sessiondb_two_nodes";
    private static final String HISTORY_TABLE = "sessiondb_schema_history";
    private static final String NODE_A = "sessiondb-node-a";
    private static final String NODE_B = "sessiondb-node-b";
    // small, so one run (at most 20 batches) cannot sweep everything and both nodes take part
    private static final int SWEEP_BATCH_SIZE = 10;

    /**
     * The advisory lock Flyway takes on PostgreSQL around creating and migrating {@value #HISTORY_TABLE}:
     * Flyway's magic number plus the hash of the quoted table name ({@code PostgreSQLAdvisoryLockTemplate}
     * and {@code PostgreSQLConnection.lock} in flyway-database-postgresql). Holding it keeps both nodes
     * inside the migration until both have arrived there; a Flyway that derives the key differently makes
     * {@link #bothNodesBootTogetherOnTheEmptyDatabaseAndApplyEachMigrationExactlyOnce} fail, not pass vacuously.
     */
    private static final long FLYWAY_LOCK_KEY = 77431708279161L + ("\"public\".\"" + HISTORY_TABLE + "\"").hashCode();

    /** How long the first node to reach the migration may wait for the other (Flyway gives up after 50 s). */
    private static final Duration GATE_PATIENCE = Duration.ofSeconds(30);

    private static PayaraMicroServer nodeA;
    private static PayaraMicroServer nodeB;
    /** The nodes seen waiting for Flyway's lock while the test held it. */
    private static final Set<String> nodesAtTheGate = new LinkedHashSet<>();

    private static boolean historyCreatedWhileGateHeld;
    /** What each node's first boot logged about the migrations it applied. */
    private static List<String> migrationsAppliedAtBoot;

    @BeforeAll
    static void startBothNodesAtOnceOnAnEmptyDatabase() throws SQLException {
        String url = TestDatabase.POSTGRESQL.recreate(DATABASE);
        Path workDir = BuildOutput.freshWorkDir("TwoNodesIT");
        nodeA = node(workDir, NODE_A, url);
        nodeB = node(workDir, NODE_B, url);
        try (Connection gate = TestDatabase.POSTGRESQL.connect(DATABASE);
                Statement sql = gate.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + FLYWAY_LOCK_KEY + ")");
            nodeA.launch();
            nodeB.launch();
            holdTheGateUntilBothNodesWait(gate);
            sql.execute("SELECT pg_advisory_unlock(" + FLYWAY_LOCK_KEY + ")");
        }
        nodeA.awaitReady();
        nodeB.awaitReady();
        migrationsAppliedAtBoot = List.of(migrationsApplied(nodeA), migrationsApplied(nodeB));
    }

    private static PayaraMicroServer node(Path workDir, String name, String url) {
        return PayaraMicroServer.in(workDir.resolve(name))
                // the application name tells the nodes' connections apart in pg_stat_activity and triggers
                .onDatabase(url + "?ApplicationName=" + name)
                .withEnv("SESSIONDB_CLEANUP_INTERVAL", "1")
                .withEnv("SESSIONDB_CLEANUP_BATCH_SIZE", Integer.toString(SWEEP_BATCH_SIZE));
    }

    private static void holdTheGateUntilBothNodesWait(Connection gate) throws SQLException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        Instant firstArrival = null;
        try (PreparedStatement waiting = gate.prepareStatement("SELECT application_name, query FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                PreparedStatement history = gate.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            history.setString(1, HISTORY_TABLE);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rows = waiting.executeQuery()) {
                    while (rows.next()) {
                        String query = rows.getString("query");
                        if (query != null
                                && query.contains("pg_try_advisory")
                                && query.contains(Long.toString(FLYWAY_LOCK_KEY))) {
                            nodesAtTheGate.add(rows.getString("application_name"));
                        }
                    }
                }
                if (firstArrival == null && !nodesAtTheGate.isEmpty()) {
                    firstArrival = Instant.now();
                }
                try (ResultSet exists = history.executeQuery()) {
                    exists.next();
                    historyCreatedWhileGateHeld = exists.getBoolean(1);
                }
                if (nodesAtTheGate.size() == 2
                        || historyCreatedWhileGateHeld
                        || !nodeA.isRunning()
                        || !nodeB.isRunning()
                        || (firstArrival != null && Instant.now().isAfter(firstArrival.plus(GATE_PATIENCE)))) {
                    return;
                }
                pause(Duration.ofMillis(100));
            }
        }
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
    void bothNodesBootTogetherOnTheEmptyDatabaseAndApplyEachMigrationExactlyOnce() throws SQLException {
        assertThat(nodesAtTheGate)
                .as("both nodes were inside the migration at once, waiting for Flyway's lock (key %d)", FLYWAY_LOCK_KEY)
                .containsExactlyInAnyOrder(NODE_A, NODE_B);
        assertThat(historyCreatedWhileGateHeld)
                .as("no node got past Flyway's lock while the test held it")
                .isFalse();

        for (PayaraMicroServer node : List.of(nodeA, nodeB)) {
            ApiResponse session = node.visitorWithoutCookies().get("/api/session");
            assertThat(session.status()).as("%s", session).isEqualTo(200);
            assertThat(session.json().getInt("visits")).isEqualTo(1);
        }
        assertNoTroubleInLogs();

        List<String> history = new ArrayList<>();
        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE);
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT version, description, type, success FROM " + HISTORY_TABLE
                        + " ORDER BY installed_rank")) {
            while (rows.next()) {
                history.add(rows.getString("version") + " " + rows.getString("description") + " "
                        + rows.getString("type") + " " + rows.getBoolean("success"));
            }
        }
        assertThat(history)
                .containsExactly(
                        "1 session tables SQL true",
                        "2 rotated ids SQL true",
                        "3 session lock SQL true",
                        "4 signed in SQL true",
                        "5 visit stamps SQL true",
                        "6 change notification SQL true",
                        "7 devices SQL true",
                        "8 signing secret SQL true",
                        "9 announce while listened SQL true");

        // SchemaMigrator reports how many migrations it applied: one node did the work, the other none
        assertThat(migrationsAppliedAtBoot).containsExactlyInAnyOrder(String.valueOf(history.size()), "0");
    }

    @Test
    void sessionCreatedOnNodeAContinuesOnNodeBWithItsCart() {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        ApiResponse first = visitor.addItem(nodeA, "apple");
        assertThat(first.status()).isEqualTo(201);
        String id = first.issuedSessionId();
        assertThat(visitor.addItem(nodeA, "green pear").items()).containsExactly("apple", "green pear");

        ApiResponse onB = visitor.get(nodeB, "/api/cart");

        assertThat(onB.status()).isEqualTo(200);
        assertThat(onB.items()).containsExactly("apple", "green pear");
        assertThat(onB.sessionCookie())
                .as("node B accepts node A's cookie as is")
                .isEmpty();
        assertThat(visitor.addItem(nodeB, "plum").items()).containsExactly("apple", "green pear", "plum");
        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple", "green pear", "plum");
        awaitVisitsWritten(visitor.sessionId, 5);
        assertThat(visitor.get(nodeB, "/api/session").json().getInt("visits")).isEqualTo(6);
        assertThat(visitor.sessionId).isEqualTo(id);
    }

    @Test
    void cdiSessionAndConversationBeansContinueOnTheOtherNode() {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        assertThat(visitor.post(nodeA, "/api/counter").json().getInt("count")).isEqualTo(1);
        assertThat(visitor.post(nodeB, "/api/counter").json().getInt("count")).isEqualTo(2);
        assertThat(visitor.post(nodeA, "/api/counter").json().getInt("count")).isEqualTo(3);
        assertThat(visitor.get(nodeB, "/api/counter").json().getInt("count")).isEqualTo(3);

        String cid = visitor.post(nodeA, "/api/wizard").json().getString("cid");
        ApiResponse onB = visitor.postJson(nodeB, "/api/wizard/steps?cid=" + cid, "{\"step\": \"address\"}");
        assertThat(onB.status()).as("%s", onB).isEqualTo(200);
        ApiResponse onA = visitor.postJson(nodeA, "/api/wizard/steps?cid=" + cid, "{\"step\": \"payment\"}");
        assertThat(onA.json().getJsonArray("steps").getValuesAs(JsonString::getString))
                .containsExactly("address", "payment");
        assertThat(visitor.get(nodeB, "/api/wizard?cid=" + cid)
                        .json()
                        .getJsonArray("steps")
                        .getValuesAs(JsonString::getString))
                .containsExactly("address", "payment");
        assertNoTroubleInLogs();
    }

    @Test
    void alternatingRequestsOverBothNodesLoseNoItemAndCountEveryVisit() {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        List<String> expected = new ArrayList<>();
        String id = null;

        for (int i = 0; i < 24; i++) {
            PayaraMicroServer node = i % 2 == 0 ? nodeA : nodeB;
            String item = "item-" + i;
            expected.add(item);
            ApiResponse added = visitor.addItem(node, item);
            assertThat(added.status())
                    .as("request %d on %s: %s", i, name(node), added)
                    .isEqualTo(201);
            // each node answers with the whole cart: it saw the other node's previous write
            assertThat(added.items()).as("request %d on %s", i, name(node)).isEqualTo(expected);
            if (i == 0) {
                id = added.issuedSessionId();
            } else {
                assertThat(added.sessionCookie())
                        .as("request %d keeps the id", i)
                        .isEmpty();
            }
        }

        assertThat(visitor.get(nodeA, "/api/cart").items()).isEqualTo(expected);
        assertThat(visitor.get(nodeB, "/api/cart").items()).isEqualTo(expected);
        awaitVisitsWritten(visitor.sessionId, 26);
        JsonObject session = visitor.get(nodeA, "/api/session").json();
        assertThat(session.getInt("visits")).isEqualTo(27);
        assertThat(visitor.sessionId).isEqualTo(id);
    }

    @Test
    void logoutOnNodeAEndsTheSessionOnNodeBToo() throws SQLException {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        visitor.addItem(nodeA, "apple");
        assertThat(visitor.get(nodeB, "/api/cart").items()).containsExactly("apple");
        String id = visitor.sessionId;

        ApiResponse logout = visitor.post(nodeA, "/api/logout");

        assertThat(logout.status()).isEqualTo(204);
        SetCookie cleared = logout.sessionCookie().orElseThrow(() -> new AssertionError("no cookie in " + logout));
        assertThat(cleared.deletes()).as("%s clears the cookie", cleared).isTrue();
        assertThat(visitor.sessionId).isNull();
        assertThat(sessionRowExists(id)).as("the session's row").isFalse();

        // whoever still sends the old cookie to node B gets a fresh, empty session
        HttpSessionClient replay = nodeB.visitorWithoutCookies();
        ApiResponse staleSession = replay.get("/api/session", sessionCookieHeader(id));
        assertThat(staleSession.status()).isEqualTo(200);
        assertThat(staleSession.json().getInt("visits")).isEqualTo(1);
        assertThat(staleSession.issuedSessionId()).isNotEqualTo(id);
        ApiResponse staleCart = replay.get("/api/cart", sessionCookieHeader(id));
        assertThat(staleCart.items()).isEmpty();
        assertThat(staleCart.issuedSessionId()).isNotEqualTo(id);

        // and the visitor, cookie cleared, starts afresh on node B
        ApiResponse next = visitor.get(nodeB, "/api/session");
        assertThat(next.json().getInt("visits")).isEqualTo(1);
        assertThat(next.issuedSessionId()).isNotEqualTo(id);
        assertThat(visitor.get(nodeB, "/api/cart").items()).isEmpty();
    }

    @Test
    void loginOnNodeBRotatesTheIdAndTheOldIdIsUselessOnNodeA() throws SQLException {
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        visitor.addItem(nodeA, "apple");
        String before = visitor.sessionId;
        assertThat(visitor.get(nodeB, "/api/cart").items()).containsExactly("apple");

        ApiResponse login = visitor.postJson(nodeB, "/api/login", "{\"username\":\"alice\"}");

        assertThat(login.status()).isEqualTo(200);
        String after = login.issuedSessionId();
        assertThat(after).isNotEqualTo(before);
        assertThat(visitor.sessionId).isEqualTo(after);
        assertThat(sessionRowExists(before)).as("a row under the old id").isFalse();
        assertThat(sessionRowExists(after)).as("a row under the new id").isTrue();

        // the new id works on node A, with the cart and the user
        assertThat(visitor.get(nodeA, "/api/cart").items()).containsExactly("apple");
        assertThat(visitor.get(nodeA, "/api/session").json().getString("username"))
                .isEqualTo("alice");

        // the old id finds nothing on either node
        for (PayaraMicroServer node : List.of(nodeA, nodeB)) {
            HttpSessionClient attacker = node.visitorWithoutCookies();
            ApiResponse stale = attacker.get("/api/session", sessionCookieHeader(before));
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.json().getInt("visits")).as("on %s", name(node)).isEqualTo(1);
            assertThat(stale.json().isNull("username")).as("on %s", name(node)).isTrue();
            // within the rotation grace window, without a cookie that could replace the browser's new one
            assertThat(stale.setCookies()).as("on %s", name(node)).isEmpty();
            assertThat(attacker.get("/api/cart", sessionCookieHeader(before)).items())
                    .as("on %s", name(node))
                    .isEmpty();
        }
        // and the logged-in session was not disturbed by that
        assertThat(visitor.get(nodeB, "/api/cart").items()).containsExactly("apple");
    }

    @Test
    void bothNodesSweepExpiredSessionsAtOnceAndLeaveLiveOnesAlone() throws SQLException {
        int expiredCount = 2000;
        int liveCount = 50;
        TwoNodeVisitor visitor = new TwoNodeVisitor();
        visitor.addItem(nodeA, "apple");

        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE)) {
            try (Statement sql = db.createStatement()) {
                // test instrumentation: every DELETE statement on the session table, including those that
                // found the row gone, logs the node (its connections carry its name), time and rows deleted
                sql.execute(
                        "CREATE TABLE test_sweeps (node TEXT NOT NULL, at TIMESTAMPTZ NOT NULL, deleted INT NOT NULL)");
                sql.execute("CREATE FUNCTION test_log_sweep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " INSERT INTO test_sweeps SELECT current_setting('application_name'), clock_timestamp(),"
                        + " count(*) FROM gone; RETURN NULL; END $$");
                sql.execute("CREATE TRIGGER test_log_sweep AFTER DELETE ON sessiondb_session"
                        + " REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION test_log_sweep()");
            }
            long nowMs = System.currentTimeMillis();
            db.setAutoCommit(false);
            insertSessions(db, "expired-", expiredCount, nowMs - 3_600_000, nowMs - 60_000);
            insertSessions(db, "live-", liveCount, nowMs, nowMs + 3_600_000);
            db.commit();
            db.setAutoCommit(true);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> count(db, "SELECT count(*) FROM sessiondb_session WHERE id LIKE 'expired-%'") == 0);
            try (Statement sql = db.createStatement()) {
                sql.execute("DROP TRIGGER test_log_sweep ON sessiondb_session");
            }

            assertThat(count(db, "SELECT count(*) FROM sessiondb_attribute WHERE session_id LIKE 'expired-%'"))
                    .as("attribute rows of expired sessions")
                    .isZero();
            assertThat(count(db, "SELECT count(*) FROM sessiondb_session WHERE id LIKE 'live-%'"))
                    .isEqualTo(liveCount);
            assertThat(count(db, "SELECT count(*) FROM sessiondb_attribute WHERE session_id LIKE 'live-%'"))
                    .isEqualTo(liveCount);
            assertThat(count(db, "SELECT coalesce(sum(deleted), 0) FROM test_sweeps"))
                    .as("rows deleted meanwhile: the expired ones, each once, and nothing else")
                    .isEqualTo(expiredCount);

            Map<String, String> byNode = new TreeMap<>();
            Map<String, Instant[]> spans = new TreeMap<>();
            try (Statement sql = db.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT node, count(*), sum(deleted), min(at), max(at)"
                            + " FROM test_sweeps GROUP BY node")) {
                while (rows.next()) {
                    byNode.put(rows.getString(1), rows.getInt(2) + " deletes, " + rows.getInt(3) + " rows");
                    spans.put(rows.getString(1), new Instant[] {
                        rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant()
                    });
                }
            }
            System.out.println("[TwoNodesIT] sweep of " + expiredCount + " expired sessions: " + byNode);
            assertThat(spans).as("nodes that swept").containsOnlyKeys(NODE_A, NODE_B);
            Instant laterStart = Collections.max(List.of(spans.get(NODE_A)[0], spans.get(NODE_B)[0]));
            Instant earlierEnd = Collections.min(List.of(spans.get(NODE_A)[1], spans.get(NODE_B)[1]));
            assertThat(laterStart).as("the nodes swept at the same time").isBefore(earlierEnd);
        }

        assertThat(visitor.get(nodeB, "/api/cart").items()).containsExactly("apple");
        assertNoTroubleInLogs();
    }

    @Test
    void stoppingNodeAMidRunLosesNoCommittedWrite() throws Exception {
        try {
            sendWhileNodeAStops();
        } finally {
            if (!nodeA.isRunning()) {
                nodeA.start(); // for the tests after this one
            }
        }
    }

    private static void sendWhileNodeAStops() throws Exception {
        int clients = 5;
        int committedBeforeStop = 50;
        int requestsAfterStop = 6;
        int maxRequestsPerClient = 1000;
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger created = new AtomicInteger();
        List<TwoNodeVisitor> visitors = new ArrayList<>();
        List<List<Outcome>> outcomes = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            visitors.add(new TwoNodeVisitor());
            outcomes.add(Collections.synchronizedList(new ArrayList<>()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                runs.add(pool.submit(() -> {
                    int afterStop = 0;
                    for (int i = 0; i < maxRequestsPerClient && afterStop < requestsAfterStop; i++) {
                        PayaraMicroServer node = (i + client) % 2 == 0 ? nodeA : nodeB;
                        boolean sentAfterStop = stopped.get();
                        Outcome outcome = visitors.get(client).tryAddItem(node, "c" + client + "-" + i, sentAfterStop);
                        outcomes.get(client).add(outcome);
                        if (outcome.status() == 201) {
                            created.incrementAndGet();
                        }
                        if (sentAfterStop) {
                            afterStop++;
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> created.get() >= committedBeforeStop);
            nodeA.stop();
            stopped.set(true);
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Integer> tally = new TreeMap<>();
        for (int c = 0; c < clients; c++) {
            List<Outcome> sent = outcomes.get(c);
            List<String> committed = new ArrayList<>();
            Set<String> notStored = new LinkedHashSet<>();
            Set<String> unknown = new LinkedHashSet<>();
            for (Outcome o : sent) {
                tally.merge(o.kind(), 1, Integer::sum);
                if (o.node() == nodeB) {
                    assertThat(o.status())
                            .as("client %d on node B, which stays up: %s", c, o)
                            .isEqualTo(201);
                }
                if (o.afterStop() && o.node() == nodeA) {
                    assertThat(o.status())
                            .as("client %d to stopped node A: %s", c, o)
                            .isEqualTo(Outcome.NO_RESPONSE);
                }
                if (o.status() == 201) {
                    committed.add(o.item());
                } else if (o.refused() || (o.afterStop() && o.node() == nodeA)) {
                    notStored.add(o.item()); // never reached a running server
                } else if (o.status() == 503) {
                    // SessionDB's 503 means nothing was written; Payara's (the application already
                    // stopped) means the request never reached it
                    notStored.add(o.item());
                } else {
                    unknown.add(o.item()); // failed in flight while node A shut down: stored or not
                }
            }
            assertThat(sent)
                    .as("client %d: requests after the stop that node B stored", c)
                    .anyMatch(o -> o.afterStop() && o.status() == 201);

            ApiResponse cart = visitors.get(c).get(nodeB, "/api/cart");

            assertThat(cart.status()).isEqualTo(200);
            List<String> items = cart.items();
            assertThat(items)
                    .as("client %d: every 201 is in the cart, in order", c)
                    .containsSubsequence(committed);
            assertThat(items).as("client %d", c).doesNotContainAnyElementsOf(notStored);
            assertThat(items.stream().filter(i -> !unknown.contains(i)).toList())
                    .as(
                            "client %d: the cart holds the committed items and nothing else, apart from requests in flight",
                            c)
                    .isEqualTo(committed);
        }
        System.out.println("[TwoNodesIT] requests around the stop of node A: " + tally);
        assertThat(tally.getOrDefault("201 before the stop", 0)).isGreaterThanOrEqualTo(committedBeforeStop);
        assertThat(tally.getOrDefault("refused after the stop", 0))
                .as("requests to node A after it stopped")
                .isGreaterThan(0);
        assertNoTroubleInLogs();
    }

    // ---- the database

    private static void insertSessions(Connection db, String prefix, int count, long lastAccessedMs, long expiresAtMs)
            throws SQLException {
        try (PreparedStatement session = db.prepareStatement(
                        "INSERT INTO sessiondb_session (id, created_ms, last_accessed_ms, max_inactive_seconds,"
                                + " expires_at_ms) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement attribute = db.prepareStatement(
                        "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = prefix
                        + "0".repeat(43 - prefix.length() - Integer.toString(i).length())
                        + i;
                session.setString(1, id);
                session.setLong(2, lastAccessedMs);
                session.setLong(3, lastAccessedMs);
                session.setInt(4, (int) ((expiresAtMs - lastAccessedMs) / 1000));
                session.setLong(5, expiresAtMs);
                session.addBatch();
                attribute.setString(1, id);
                attribute.setString(2, "note");
                attribute.setBytes(3, AttributeCodec.serialize("note", prefix + i));
                attribute.addBatch();
            }
            session.executeBatch();
            attribute.executeBatch();
        }
    }

    private static int count(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Waits until both nodes have written the visits they counted (each writes within its flush interval,
     * sessiondb.visits.flush-interval-ms) and the session's row holds {@code visits}: the other node's
     * count is not visible before that.
     */
    private static void awaitVisitsWritten(String sessionId, int visits) {
        await().atMost(Duration.ofSeconds(10)).until(() -> storedVisits(sessionId) == visits);
    }

    private static long storedVisits(String sessionId) throws SQLException {
        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE);
                PreparedStatement query = db.prepareStatement("SELECT visits FROM sessiondb_session WHERE id = ?")) {
            query.setString(1, StorageKeys.of(sessionId.substring(0, sessionId.indexOf('.'))));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    private static boolean sessionRowExists(String sessionId) throws SQLException {
        try (Connection db = TestDatabase.POSTGRESQL.connect(DATABASE);
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM sessiondb_session WHERE id = ?")) {
            // the cookie value is the id, a dot and its signature; the table holds the id's hash
            query.setString(1, StorageKeys.of(sessionId.substring(0, sessionId.indexOf('.'))));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    private static final Pattern MIGRATED = Pattern.compile("\\((\\d+) migrations applied now\\)");

    private static String migrationsApplied(PayaraMicroServer node) {
        var matcher = MIGRATED.matcher(node.log());
        assertThat(matcher.find()).as("%s logs its migration", name(node)).isTrue();
        return matcher.group(1);
    }

    /** No WARNING or SEVERE record apart from harmless ones, and no deadlock or duplicate key anywhere. */
    private static void assertNoTroubleInLogs() {
        for (PayaraMicroServer node : List.of(nodeA, nodeB)) {
            assertThat(ServerLogTrouble.in(node.log()))
                    .as("trouble in the log of %s", name(node))
                    .isEmpty();
        }
    }

    private static String name(PayaraMicroServer node) {
        return node == nodeA ? "node A" : "node B";
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
