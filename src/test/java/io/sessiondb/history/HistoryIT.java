package io.sessiondb.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Jepsen's way, on two nodes: clients in several session groups run random operations against two Payara
 * Micro nodes of the history application on one fresh database of the run's server (PostgreSQL, MariaDB; not
 * the embedded H2, which two processes cannot share), then one node alone; {@link HistoryChecker} checks the
 * recorded history against the consistency model. The history and the report are written under {@code
 * target/history/<database>/}, the server logs stay under {@code target/e2e/<database>/HistoryIT/}.
 * {@code conformance/history.sh} runs it longer or with another seed ({@link HistorySettings}).
 */
@EveryDatabase
@ExtendWith(HistoryIT.NeedsADatabaseServer.class)
class HistoryIT {

    private static final String DATABASE = "sessiondb_history";
    private static final AdminCredentials ADMIN = new AdminCredentials("history-admin", "history admin password");
    /** Cheap: each node derives it once per new credential, which at the real cost starved the nodes. */
    private static final String ADMIN_PASSWORD_HASH = ADMIN.cheapPasswordHash();

    private static PayaraMicroServer nodeA;
    private static PayaraMicroServer nodeB;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() {
        Path war = HistoryApplication.war();
        String url = TestDatabase.selected().recreate(DATABASE);
        Path workDir = BuildOutput.freshWorkDir("HistoryIT");
        nodeA = node(workDir.resolve("node-a"), war, url);
        nodeB = node(workDir.resolve("node-b"), war, url);
        nodeA.launch();
        nodeB.launch();
        nodeA.awaitReady();
        nodeB.awaitReady();
    }

    private static PayaraMicroServer node(Path workDir, Path war, String url) {
        return PayaraMicroServer.in(workDir)
                .deploying(war, HistoryApplication.READY_PATH)
                .onDatabase(url)
                .withAdmin(ADMIN, ADMIN_PASSWORD_HASH);
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
    void aHistoryOnTwoNodesThenOneKeepsTheConsistencyModel() throws IOException {
        HistorySettings settings = HistorySettings.fromSystemProperties();
        HistoryRun run = new HistoryRun(settings, Map.of("A", base(nodeA), "B", base(nodeB)), ADMIN);
        List<Op> history = run.run();

        Path dir = BuildOutput.besideTheWar("history")
                .resolve(TestDatabase.selected().name().toLowerCase(Locale.ROOT));
        Path file = dir.resolve("seed-" + settings.seed() + ".jsonl");
        HistoryFile.write(file, history);
        CheckReport report = HistoryChecker.check(history);
        String heading = "Seed " + settings.seed() + ", " + settings.seconds() + " s, " + settings.groups()
                + " groups of " + settings.clients() + " clients, on "
                + TestDatabase.selected().displayName()
                + "\nHistory: " + file.toAbsolutePath() + "\nServer logs: "
                + nodeA.workDir().getParent().toAbsolutePath() + "\n";
        Path reportFile = dir.resolve("seed-" + settings.seed() + ".report.txt");
        Files.writeString(reportFile, heading + report.text());
        String text = heading + "Full report: " + reportFile.toAbsolutePath() + "\n" + report.text(3);
        System.out.println(text);

        assertThat(report.violations()).as(text).isEmpty();
        for (OpType type : OpType.values()) {
            assertThat(report.ok(type))
                    .as("ok %s operations in the history\n%s", type.wire(), text)
                    .isPositive();
        }
        assertThat(report.stats().contendedWrites)
                .as("writes that overlapped another write of the same attribute\n%s", text)
                .isPositive();
        assertThat(report.stats().crossNodeReadChecks)
                .as("writes checked against a later read on the other node\n%s", text)
                .isPositive();
    }

    /** Skips the class on the embedded H2, which belongs to one process: two nodes need a database server. */
    static final class NeedsADatabaseServer implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return TestDatabase.selected().isEmbedded()
                    ? ConditionEvaluationResult.disabled("two nodes need a database server, not the embedded H2")
                    : ConditionEvaluationResult.enabled(
                            "on " + TestDatabase.selected().displayName());
        }
    }

    private static URI base(PayaraMicroServer node) {
        return node.uri("/");
    }
}
