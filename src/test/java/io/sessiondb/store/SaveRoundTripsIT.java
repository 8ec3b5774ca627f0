package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What each kind of write of a request costs on the run's database, in calls that reach the server
 * (statements, commits, transaction mode changes), counted on the connection; on MariaDB also as the
 * server counts them ({@code Questions}). Written to {@code target/round-trips-<database>.txt} for
 * BENCHMARKS.md, and bounded here. PostgreSQL's wire round trips are counted by the benchmark's proxy.
 */
@EveryDatabase
class SaveRoundTripsIT {

    private static final String DATABASE = "sessiondb_round_trips";
    private static final String ID = "round-trips";

    private final TestDatabase database = TestDatabase.selected();
    private final AtomicInteger calls = new AtomicInteger();
    private Connection raw;

    @Test
    void eachKindOfWriteCostsAtMostItsBudgetOfRoundTrips() throws Exception {
        raw = database.isEmbedded()
                ? DriverManager.getConnection("jdbc:h2:mem:round-trips;DB_CLOSE_DELAY=-1")
                : DriverManager.getConnection(database.recreate(DATABASE), TestDatabase.USER, TestDatabase.PASSWORD);
        SessionRepository repository = TestStore.on(oneCountedConnection()).repository();
        Map<String, int[]> costs = new LinkedHashMap<>();

        costs.put("new session with one attribute", cost(() -> repository.save(write(true, 0, "a"))));
        long version = repository.findById(ID).orElseThrow().version();
        costs.put("load a session", cost(() -> repository.findById(ID)));
        costs.put("version check", cost(() -> repository.liveVersions(List.of(ID))));
        costs.put("one attribute written", cost(() -> repository.save(write(false, version, "b"))));
        long current = repository.liveVersions(List.of(ID)).get(ID);
        costs.put("touch only", cost(() -> repository.save(write(false, current, null))));
        costs.put("a write that lost the race", cost(() -> repository.save(write(false, version, "c"))));
        report(costs);

        int budget = database == TestDatabase.POSTGRESQL ? 1 : 5;
        assertThat(costs.get("one attribute written")[0]).isLessThanOrEqualTo(budget);
        assertThat(costs.get("new session with one attribute")[0]).isLessThanOrEqualTo(budget);
        assertThat(costs.get("version check")[0]).isOne();
        assertThat(costs.get("touch only")[0]).isOne();
        assertThat(costs.get("load a session")[0]).isOne();
        if (database == TestDatabase.MARIADB) {
            assertThat(costs.get("one attribute written")[1])
                    .as("as the server counted them")
                    .isEqualTo(costs.get("one attribute written")[0]);
        }
    }

    private SessionWrite write(boolean newSession, long baseVersion, String attribute) {
        Map<String, byte[]> attributes =
                attribute == null ? Map.of() : Map.of(attribute, AttributeCodec.serialize(attribute, "value"));
        long nowMs = System.currentTimeMillis();
        return new SessionWrite(
                ID,
                newSession,
                baseVersion,
                new SessionWrite.RowValues(nowMs, 1800, null, null, nowMs, 0, 0, null),
                Set.of(),
                newSession ? attributes : Map.of(),
                newSession ? Map.of() : attributes,
                Set.of());
    }

    /** The calls one piece of work made, counted here and (on MariaDB, else -1) by the server. */
    private int[] cost(Runnable work) throws SQLException {
        long questionsBefore = questions();
        calls.set(0);
        work.run();
        int counted = calls.get();
        long questionsAfter = questions();
        return new int[] {counted, questionsBefore < 0 ? -1 : (int) (questionsAfter - questionsBefore - 1)};
    }

    /** The commands the MariaDB server counted on this connection, this query included; -1 elsewhere. */
    private long questions() throws SQLException {
        if (database != TestDatabase.MARIADB) {
            return -1;
        }
        try (Statement statement = raw.createStatement();
                ResultSet result = statement.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            result.next();
            return result.getLong(2);
        }
    }

    private void report(Map<String, int[]> costs) throws IOException {
        Path file = Path.of("target", "round-trips-" + database.name().toLowerCase(Locale.ROOT) + ".txt");
        Files.createDirectories(file.getParent());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            costs.forEach((kind, cost) -> {
                String line = database.displayName() + ": " + kind + ": " + cost[0] + " calls to the server"
                        + (cost[1] >= 0 ? " (" + cost[1] + " commands counted by the server)" : "");
                out.println(line);
                System.out.println("[sessiondb] " + line);
            });
        }
    }

    /** A datasource handing out the one connection, counting what reaches the server; close does nothing. */
    private DataSource oneCountedConnection() {
        Connection counted = counting(Connection.class, raw);
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    return switch (method.getName()) {
                        case "getConnection" -> counted;
                        case "getParentLogger" -> Logger.getGlobal();
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private <T> T counting(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(
                SaveRoundTripsIT.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                    String name = method.getName();
                    if (name.equals("close") && type == Connection.class) {
                        return null;
                    }
                    if (name.equals("setAutoCommit") && raw.getAutoCommit() != (Boolean) args[0]
                            || name.startsWith("execute")
                            || name.equals("commit")
                            || name.equals("rollback")) {
                        calls.incrementAndGet();
                    }
                    try {
                        Object result = method.invoke(target, args);
                        if (result instanceof java.sql.PreparedStatement statement) {
                            return counting(java.sql.PreparedStatement.class, statement);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
