package io.sessiondb.e2e;

import static io.sessiondb.e2e.OperationsServer.admin;
import static io.sessiondb.e2e.OperationsServer.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * SessionDB's MicroProfile Metrics at {@code /metrics} (Prometheus text) and its MicroProfile Health checks at
 * {@code /health/live} and {@code /health/ready}, over real HTTP: each metric moves with what requests and the
 * sweep do. The 503 counter is checked by {@link DatabaseOutageIT}, which takes the database away.
 */
@EveryDatabase
@ExtendWith(OperationsServer.class)
@ResourceLock(OperationsServer.LOCK)
class MetricsAndHealthIT {

    private static final String LOADS = "sessiondb_session_loads_total";
    private static final String SAVES = "sessiondb_session_saves_total";
    private static final String HITS = "sessiondb_cache_hits_total";
    private static final String STATEMENTS = "sessiondb_request_statements";
    private static final String SIZE = "sessiondb_session_size_bytes";
    private static final String SWEEPS = "sessiondb_sweeps_seconds";
    private static final String SWEPT = "sessiondb_swept_sessions_total";
    private static final String LIVE = "sessiondb_sessions_live";
    private static final String UNAVAILABLE = "sessiondb_unavailable_responses_total";

    private static PayaraMicroServer server;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Test
    void everyMetricIsPublishedWithItsPrometheusType() {
        PrometheusText metrics = metrics();

        Map.of(
                        LOADS, "counter",
                        SAVES, "counter",
                        HITS, "counter",
                        SWEPT, "counter",
                        UNAVAILABLE, "counter",
                        LIVE, "gauge",
                        STATEMENTS, "summary",
                        SIZE, "summary",
                        SWEEPS, "summary")
                .forEach((name, type) -> assertThat(metrics.type(name)).as(name).isEqualTo(type));
    }

    @Test
    void savesHitsLoadsAndStatementsCountWhatEachRequestDid() throws Exception {
        HttpSessionClient visitor = server.visitor();
        PrometheusText before = metrics();

        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        PrometheusText saved = metricsOnceObserved(before, 1);
        assertThat(saved.value(SAVES) - before.value(SAVES)).isEqualTo(1);
        assertThat(saved.value(SIZE + "_count") - before.value(SIZE + "_count")).isEqualTo(1);
        assertThat(saved.value(LOADS)).as("a new session is not loaded").isEqualTo(before.value(LOADS));

        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
        PrometheusText hit = metricsOnceObserved(saved, 1);
        assertThat(hit.value(HITS) - saved.value(HITS)).isEqualTo(1);
        assertThat(hit.value(LOADS)).isEqualTo(saved.value(LOADS));
        assertThat(hit.value(STATEMENTS + "_sum") - saved.value(STATEMENTS + "_sum"))
                .as("a read of a held session: one round trip, its version")
                .isEqualTo(1);

        // changed behind the node's back: the next request finds another version and loads the session
        OperationsServer.update(
                server,
                "UPDATE sessiondb_session SET version = version + 1 WHERE id = ?",
                StorageKeys.of(visitor.sessionId().orElseThrow()));
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
        PrometheusText loaded = metricsOnceObserved(hit, 1);
        assertThat(loaded.value(LOADS) - hit.value(LOADS)).isEqualTo(1);
        assertThat(loaded.value(HITS)).isEqualTo(hit.value(HITS));
        assertThat(loaded.value(STATEMENTS + "_sum") - hit.value(STATEMENTS + "_sum"))
                .as("the version, then the session")
                .isEqualTo(2);
        assertThat(metrics().value(STATEMENTS + "_count"))
                .as("requests without a session, such as these scrapes, are not counted")
                .isEqualTo(loaded.value(STATEMENTS + "_count"));
    }

    /**
     * The metrics once {@code requests} more requests have recorded their statements: a request records them
     * as it ends, which may be just after its client has the whole response.
     */
    private static PrometheusText metricsOnceObserved(PrometheusText before, int requests) {
        double expected = before.value(STATEMENTS + "_count") + requests;
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().value(STATEMENTS + "_count") >= expected);
        PrometheusText after = metrics();
        assertThat(after.value(STATEMENTS + "_count")).isEqualTo(expected);
        return after;
    }

    @Test
    void theSizeHistogramAndTheLiveGaugeFollowTheStoredSessions() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("x".repeat(150)).status()).isEqualTo(201);
        long bytes = server.visitor()
                .get("/api/admin/sessions/" + fingerprint(visitor), admin())
                .json()
                .getJsonNumber("bytes")
                .longValue();

        assertThat(metrics().value(SIZE + "_max")).isGreaterThanOrEqualTo(bytes);
        // the gauge counts at most every few seconds, whatever the scrapes
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(metrics().value(LIVE))
                        .isEqualTo(server.visitor()
                                .get("/api/admin/totals", admin())
                                .json()
                                .getJsonNumber("live")
                                .doubleValue()));
    }

    @Test
    void sweepsAreCountedAndTimedWithTheSessionsTheyDeleted() throws Exception {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        PrometheusText before = metrics();

        OperationsServer.update(
                server,
                "UPDATE sessiondb_session SET expires_at_ms = 1, version = version + 1 WHERE id = ?",
                StorageKeys.of(visitor.sessionId().orElseThrow()));

        await().atMost(Duration.ofSeconds(OperationsServer.SWEEP_INTERVAL_SECONDS + 15))
                .untilAsserted(() -> assertThat(server.log())
                        .contains("session=" + fingerprint(visitor) + " event=expired principal=-"));
        PrometheusText after = metrics();
        assertThat(after.value(SWEEPS + "_count")).isGreaterThan(before.value(SWEEPS + "_count"));
        assertThat(after.value(SWEPT) - before.value(SWEPT)).isGreaterThanOrEqualTo(1);
        assertThat(after.value(SWEEPS + "_max")).isPositive();
    }

    @Test
    void liveIsUpAndReadyMeansTheDatabaseAnswersWithACurrentSchema() throws Exception {
        ApiResponse live = server.visitor().get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(check(live.json(), "sessiondb").getJsonObject("data").getString("sweeper"))
                .isEqualTo("scheduled");
        ApiResponse ready = server.visitor().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        JsonObject store = check(ready.json(), "session-store");
        assertThat(store.getString("status")).isEqualTo("UP");
        assertThat(store.getJsonObject("data").getString("schema")).isEqualTo("current");

        renameDeviceColumn("user_agent", "user_agent_gone");
        try {
            ApiResponse outdated = server.visitor().get("/health/ready");
            assertThat(outdated.status()).isEqualTo(503);
            JsonObject down = check(outdated.json(), "session-store");
            assertThat(down.getString("status")).isEqualTo("DOWN");
            assertThat(down.getJsonObject("data").getString("schema")).startsWith("not current");
            assertThat(server.visitor().get("/health/live").status())
                    .as("an old schema makes a node unready, not dead")
                    .isEqualTo(200);
        } finally {
            renameDeviceColumn("user_agent_gone", "user_agent");
        }
        assertThat(server.visitor().get("/health/ready").status()).isEqualTo(200);
    }

    private static void renameDeviceColumn(String from, String to) throws Exception {
        OperationsServer.update(
                server,
                TestDatabase.selected().isEmbedded()
                        ? "ALTER TABLE sessiondb_session ALTER COLUMN " + from + " RENAME TO " + to
                        : "ALTER TABLE sessiondb_session RENAME COLUMN " + from + " TO " + to);
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    private static PrometheusText metrics() {
        return PrometheusText.of(server.visitor());
    }
}
