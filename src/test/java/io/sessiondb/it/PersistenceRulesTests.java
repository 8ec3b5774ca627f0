package io.sessiondb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The persistence rules of DESIGN.md, proved by counting the SQL statements EclipseLink sends while real
 * HTTP requests, with real cookies, pass through the session filter inside Payara Micro. Run by {@link
 * InContainerIT}.
 */
interface PersistenceRulesTests extends ContainerTest {

    @Test
    default void loadingASessionWithItsAttributesIsOneSelect() {
        for (int i = 0; i < 5; i++) {
            browser().body("set", "name", "a" + i, "value", "v" + i);
        }
        StatementLog.clear();

        String all = browser().body("read-all");

        assertThat(all).contains("a0=v0;", "a4=v4;");
        assertThat(StatementLog.all()).hasSize(1);
        assertThat(StatementLog.all().get(0)).startsWithIgnoringCase("SELECT");
    }

    @Test
    default void requestThatChangesNothingWritesNothing() {
        browser().body("set", "name", "colour", "value", "blue");
        StatementLog.clear();

        browser().body("read-all");
        browser().body("get", "name", "colour");
        browser().body("nothing");

        assertThat(StatementLog.writes()).isEmpty();
    }

    @Test
    default void visitStampsAreOffWhenDisabled() {
        browser().body("set", "name", "a", "value", "1");

        assertThat(browser().body("read-all")).isEqualTo("a=1;");
    }

    @Test
    default void requestThatNeverAsksForTheSessionDoesNoSessionWorkWithinTheTouchInterval() {
        browser().body("set", "name", "colour", "value", "blue");
        StatementLog.clear();

        browser().body("nothing");

        assertThat(StatementLog.all()).isEmpty();
    }

    @Test
    default void onlyTheChangedAttributeIsWritten() {
        browser().body("set", "name", "a", "value", "1");
        browser().body("set", "name", "b", "value", "2");
        browser().body("set", "name", "c", "value", "3");
        StatementLog.clear();

        browser().body("set", "name", "b", "value", "two");

        assertThat(StatementLog.attributeWrites()).isEqualTo(1);
        assertThat(StatementLog.count("DELETE", "sessiondb_attribute")).isZero();
        assertThat(browser().body("read-all")).contains("a=1;", "b=two;", "c=3;");
    }

    @Test
    default void anInvalidationInsideATransactionTheApplicationRollsBackStaysDone() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());

        assertThat(browser().call("invalidate-in-rolled-back-transaction").status())
                .isEqualTo(200);

        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + key + "'"))
                .isZero();
        assertThat(browser().body("get", "name", "a")).isEqualTo("null");
    }

    @Test
    default void anIdChangeInsideATransactionTheApplicationRollsBackStaysDone() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        String oldKey = StorageKeys.of(browser().sessionCookie().orElseThrow());

        String newId = browser().body("change-id-in-rolled-back-transaction");

        assertThat(browser().sessionCookie()).contains(newId);
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + oldKey + "'"))
                .isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + StorageKeys.of(newId) + "'"))
                .isEqualTo(1);
        assertThat(browser().body("get", "name", "a")).isEqualTo("1");
    }

    @Test
    default void saveWhoseCommitFailsAnswers503AndLeavesTheStoredSessionAsItWas() {
        browser().body("set", "name", "a", "value", "1");
        StatementLog.failNextCommit();

        ApiResponse failed = browser().call("set", "name", "a", "value", "2");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.firstHeader("Retry-After")).contains("5");
        assertThat(failed.body()).contains("\"error\":\"session store unavailable\"");
        assertThat(browser().body("get", "name", "a")).isEqualTo("1");
    }

    @Test
    default void removedAttributeIsDeletedAlone() {
        browser().body("set", "name", "a", "value", "1");
        browser().body("set", "name", "b", "value", "2");
        StatementLog.clear();

        browser().body("remove", "name", "a");

        assertThat(StatementLog.count("DELETE", "sessiondb_attribute")).isEqualTo(1);
        assertThat(StatementLog.attributeWrites()).isZero();
        assertThat(browser().body("read-all")).isEqualTo("b=2;");
    }

    @Test
    default void attributeMutatedInPlaceIsSaved() {
        browser().body("list-add", "name", "cart", "value", "apple");
        StatementLog.clear();

        browser().body("list-add", "name", "cart", "value", "pear");

        assertThat(StatementLog.attributeWrites()).isEqualTo(1);
        assertThat(new Probe(base()).body("nothing")).isEqualTo("nothing");
        assertThat(browser().body("get", "name", "cart")).isEqualTo("[apple, pear]");
    }

    @Test
    default void loadingQueryJudgesExpiryByTheDatabasesClock() {
        browser().body("set", "name", "a", "value", "1");
        StatementLog.clear();

        browser().body("get", "name", "a");

        assertThat(StatementLog.all()).singleElement().asString().containsIgnoringCase("CURRENT_TIMESTAMP");
    }

    @Test
    default void lastAccessTimeNeverMovesBackwards() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        // as a node whose clock runs an hour ahead would have written it
        long ahead = System.currentTimeMillis() + 3_600_000;
        updateOneRow(
                "UPDATE sessiondb_session SET last_accessed_ms = ?, version = version + 1 WHERE id = ?", ahead, key);

        browser().body("max-inactive", "value", "600"); // rewrites the row

        assertThat(lastAccessed(key)).isEqualTo(ahead);
        assertThat(queryLong("SELECT expires_at_ms FROM sessiondb_session WHERE id = '" + key + "'"))
                .isEqualTo(ahead + 600_000);
    }

    @Test
    default void aSessionCreatedEmptyIsOneInsert() throws SQLException {
        long sessionsBefore = queryLong("SELECT COUNT(*) FROM sessiondb_session");
        StatementLog.clear();

        ApiResponse response = browser().call("create-empty");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.firstHeader("Set-Cookie")).isPresent();
        assertThat(StatementLog.all()).hasSize(1);
        assertThat(StatementLog.count("INSERT", "sessiondb_session")).isEqualTo(1);
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session")).isEqualTo(sessionsBefore + 1);
    }

    @Test
    default void aRequestWithoutACookieThatNeverAsksForASessionCostsNoStatement() throws SQLException {
        long sessionsBefore = queryLong("SELECT COUNT(*) FROM sessiondb_session");
        StatementLog.clear();

        ApiResponse response = browser().call("nothing");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.firstHeader("Set-Cookie")).isEmpty();
        assertThat(StatementLog.all()).isEmpty();
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session")).isEqualTo(sessionsBefore);
    }

    @Test
    default void aRequestThatNeverAsksForItsSessionTouchesItOncePerTouchInterval() throws Exception {
        browser().body("set", "name", "a", "value", "1");
        // a 20 s timeout: the touch interval is then 2 s, a tenth of it
        browser().body("max-inactive", "value", "20");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        long lastAccessedBefore = lastAccessed(key);
        Thread.sleep(2_100);
        StatementLog.clear();

        browser().body("nothing");

        assertThat(StatementLog.writes()).as("touch due").hasSize(1);
        assertThat(StatementLog.count("UPDATE", "sessiondb_session")).isEqualTo(1);
        assertThat(lastAccessed(key)).isGreaterThan(lastAccessedBefore);
        StatementLog.clear();
        browser().body("nothing");
        browser().body("nothing");
        assertThat(StatementLog.all()).as("just touched, held by this node").isEmpty();
    }

    @Test
    default void accessTimeIsWrittenOncePerTouchInterval() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        StatementLog.clear();

        browser().body("get", "name", "a");
        assertThat(StatementLog.writes()).as("within the interval").isEmpty();

        long lastAccessedBefore = ageSession(key, Duration.ofSeconds(61));
        StatementLog.clear();
        browser().body("get", "name", "a");
        assertThat(StatementLog.writes()).as("interval passed").hasSize(1);
        assertThat(StatementLog.count("UPDATE", "sessiondb_session")).isEqualTo(1);
        assertThat(lastAccessed(key)).isGreaterThan(lastAccessedBefore);

        StatementLog.clear();
        browser().body("get", "name", "a");
        assertThat(StatementLog.writes()).as("just touched").isEmpty();
    }

    @Test
    default void expiredSessionIsNeverReturnedEvenBeforeTheSweep() throws SQLException {
        browser().body("set", "name", "secret", "value", "42");
        String oldId = browser().sessionCookie().orElseThrow();
        updateOneRow(
                "UPDATE sessiondb_session SET expires_at_ms = ?, version = version + 1 WHERE id = ?",
                System.currentTimeMillis() - 1,
                StorageKeys.of(oldId));

        assertThat(browser().body("get", "name", "secret")).isEqualTo("null");
        assertThat(browser().sessionCookie())
                .as("the stale cookie replaced by the fresh session's that getSession() created")
                .isPresent()
                .get()
                .isNotEqualTo(oldId);
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + StorageKeys.of(oldId) + "'"))
                .as("row not swept yet")
                .isEqualTo(1);
    }

    @Test
    default void sweeperDeletesExpiredSessionsInBoundedBatches() throws SQLException {
        sweeper().sweep(); // start from no expired rows
        browser().body("set", "name", "live", "value", "yes");
        insertExpiredSessions(1_200);
        StatementLog.clear();

        int deleted = sweeper().sweep();

        assertThat(deleted).isEqualTo(1_200);
        assertThat(queryLong(
                        "SELECT COUNT(*) FROM sessiondb_session WHERE expires_at_ms <= " + System.currentTimeMillis()))
                .isZero();
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_attribute WHERE name = 'expired'"))
                .isZero();
        assertThat(browser().body("get", "name", "live")).isEqualTo("yes");
        // batches of 500 (500, 500, 200): per batch one bounded key query, one locking query, one delete
        long keyQueries = StatementLog.all().stream()
                .filter(sql -> sql.startsWith("SELECT") && sql.contains("ORDER BY expires_at_ms"))
                .count();
        assertThat(keyQueries).isEqualTo(3);
        assertThat(StatementLog.count("DELETE", "sessiondb_session")).isEqualTo(3);
        assertThat(StatementLog.all())
                .filteredOn(sql -> sql.contains("FOR UPDATE"))
                .hasSize(3);
    }

    @Test
    default void unserializableValueFailsAtSetAttributeNamingItAndLosesNothingElse() {
        String answer = browser().body("unserializable");

        assertThat(answer).startsWith("rejected: ").contains("'socket'").contains("java.lang.Object");
        assertThat(browser().body("read-all")).isEqualTo("kept=yes;");
    }

    @Test
    default void valueOfAClassOutsideTheAllowlistIsDroppedWhenReadAndTheRestCarriesOn() throws SQLException {
        browser().body("set", "name", "kept", "value", "yes");
        assertThat(browser().body("untrusted", "name", "untrusted", "value", "x"))
                .as("serialization is not filtered")
                .isEqualTo("stored");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        // as if another node wrote the session: this one reads the stored value instead of the one it set
        updateOneRow("UPDATE sessiondb_session SET version = version + 1 WHERE id = ?", key);

        ApiResponse read = browser().call("get", "name", "untrusted");
        ApiResponse readAllAndWrite = browser().call("read-all-then-set", "name", "other", "value", "2");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("null");
        assertThat(readAllAndWrite.status()).isEqualTo(200);
        assertThat(readAllAndWrite.body())
                .as("hidden from the application, on the node holding the session")
                .doesNotContain("UntrustedValue")
                .contains("kept=yes;");
        assertThat(browser().body("get", "name", "other")).isEqualTo("2");
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + key
                        + "' AND name = 'untrusted'"))
                .as("left in the database")
                .isEqualTo(1);
    }

    @Test
    default void valueOverTheAttributeLimitFailsAtSetAttributeAndTheSessionStaysUsable() throws SQLException {
        String answer = browser().body("too-large", "name", "big", "value", String.valueOf(2 * 1024 * 1024));

        assertThat(answer)
                .startsWith("rejected: ")
                .contains("'big'")
                .contains("limit of 1048576 bytes (sessiondb.max-attribute-bytes)");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        assertThat(browser().body("get", "name", "kept")).isEqualTo("yes");
        browser().body("set", "name", "after", "value", "1");
        assertThat(browser().body("get", "name", "after")).isEqualTo("1");
        assertThat(queryLong(
                        "SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + key + "' AND name = 'big'"))
                .isZero();
    }

    @Test
    default void sessionIsSavedBeforeTheResponseCommits() throws Exception {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        SessionProbeServlet.release = new CountDownLatch(1);
        try {
            CompletableFuture<Integer> status =
                    browser().statusBeforeTheBodyEnds("set-flush-wait", "name", "b", "value", "2");

            // the servlet is still running, parked after its flush: the client already has the headers
            assertThat(status.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(queryLong(
                            "SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + key + "' AND name = 'b'"))
                    .isEqualTo(1);
        } finally {
            SessionProbeServlet.release.countDown();
        }
    }

    @Test
    default void sessionInvalidatedByAnotherRequestIsNotBroughtBack() throws Exception {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        try {
            // request A loads the session and parks; request B, on the same cookie, logs out
            CompletableFuture<ApiResponse> slow = parkedWaitSet("b", "2");
            browser().body("invalidate");
            SessionProbeServlet.release.countDown();

            ApiResponse response = slow.get(20, TimeUnit.SECONDS);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .as("A shares the session B invalidated, as a container's requests do")
                    .isEqualTo("invalidated meanwhile");
            assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + key + "'"))
                    .isZero();
            assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + key + "'"))
                    .isZero();
        } finally {
            SessionProbeServlet.release.countDown();
        }
    }

    @Test
    default void concurrentRequestsSettingTheSameNewAttributeBothSucceed() throws Exception {
        browser().body("set", "name", "a", "value", "1");
        try {
            // request A loads the session (no "first" yet) and parks; request B stores "first" meanwhile
            CompletableFuture<ApiResponse> slow = parkedWaitSet("first", "from-a");
            browser().body("set", "name", "first", "value", "from-b");
            SessionProbeServlet.release.countDown();

            // A also writes "first" as new: an upsert, so no duplicate key and no 503
            assertThat(slow.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(browser().body("get", "name", "first")).isEqualTo("from-a");
        } finally {
            SessionProbeServlet.release.countDown();
        }
    }

    private void insertExpiredSessions(int sessions) throws SQLException {
        long past = System.currentTimeMillis() - 10_000;
        try (Connection connection = dataSource().getConnection();
                PreparedStatement session = connection.prepareStatement(
                        "INSERT INTO sessiondb_session (id, created_ms, last_accessed_ms, max_inactive_seconds,"
                                + " expires_at_ms, version) VALUES (?, ?, ?, 1, ?, 0)");
                PreparedStatement attribute = connection.prepareStatement(
                        "INSERT INTO sessiondb_attribute (session_id, name, value_bytes) VALUES (?, 'expired', ?)")) {
            for (int i = 0; i < sessions; i++) {
                String key = StorageKeys.of("expired-" + i + "-" + System.nanoTime());
                session.setString(1, key);
                session.setLong(2, past);
                session.setLong(3, past);
                session.setLong(4, past + 1000 + i);
                session.addBatch();
                attribute.setString(1, key);
                attribute.setBytes(2, new byte[] {1, 2, 3});
                attribute.addBatch();
            }
            session.executeBatch();
            attribute.executeBatch();
        }
    }

    /** Moves a session's stored access time into the past; returns the new value. */
    private long ageSession(String key, Duration age) throws SQLException {
        long lastAccessed = lastAccessed(key) - age.toMillis();
        updateOneRow(
                "UPDATE sessiondb_session SET last_accessed_ms = ?, version = version + 1 WHERE id = ?",
                lastAccessed,
                key);
        return lastAccessed;
    }

    private long lastAccessed(String key) throws SQLException {
        return queryLong("SELECT last_accessed_ms FROM sessiondb_session WHERE id = '" + key + "'");
    }
}
