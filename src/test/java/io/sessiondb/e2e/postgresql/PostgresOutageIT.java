package io.sessiondb.e2e.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.PostgreSQLOnly;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Database outages on a real PostgreSQL server while clients keep adding items to their carts: the
 * server process is stopped and started again, and the network path to it turns into a black hole and
 * back. The test brings its own PostgreSQL (it stops it, which the machine's shared server must never
 * be), so it runs wherever the binaries of the Maven artifact do, with or without a server on 5432.
 *
 * <p>Payara reaches PostgreSQL through {@link BlackHoleProxy}, which passes everything until the
 * black-hole test switches it; while the server is stopped, the proxy closes each connection it cannot
 * pass on, so the driver fails at once as it would on a refused connection. The server runs with
 * {@code SESSIONDB_DB_TIMEOUT=3}, and every response must come within a bound derived from it.
 * Run alone: it bounds the latency of every answer during the outage, which another class's load beside it
 * would blur; a bound with room for a neighbour's boot would no longer tell two waits of the timeout from three.
 */
@PostgreSQLOnly
@Isolated
class PostgresOutageIT {

    /** {@code sessiondb.db.timeout} for this server: short, so that the black hole is quick to test. */
    private static final int DB_TIMEOUT_SECONDS = 3;

    /**
     * The longest a request may take, outage or not: two waits of the configured timeout in a row, plus
     * two seconds for the server, the HTTP round trip and a busy machine. Each wait on the database is
     * bounded by it (the driver's connect, login and read timeouts, and the pool's wait for a free
     * connection), and a request fails at its first failed wait, but two can come in a row: a free
     * connection waited for, then a replacement that never logs in (Payara still tries to open one when
     * the wait expires), or a pooled connection that hangs, then its replacement.
     */
    private static final Duration RESPONSE_BOUND = Duration.ofSeconds(2L * DB_TIMEOUT_SECONDS + 2);

    /** How long a client waits for an answer (HttpSessionClient's timeout): well past the bound, so a hang shows. */
    private static final Duration CLIENT_PATIENCE = Duration.ofSeconds(30);

    /** Service must resume within this long after the database is back (nothing is restarted by hand). */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    private static final int CLIENTS = 4;
    /** More than the pool's maxPoolSize (32, on SessionDatabase's @DataSourceDefinition). */
    private static final int BURST = 40;
    /** Pause between one client's requests: keeps the outage's 503 warnings in the server log countable. */
    private static final Duration PACE = Duration.ofMillis(50);
    /** Hard stop for any load, whatever happens to the test. */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(60);

    private static final String UNAVAILABLE = "session store unavailable";
    private static final JsonReaderFactory JSON = JsonProvider.provider().createReaderFactory(Map.of());

    private static RestartablePostgres postgres;
    private static BlackHoleProxy proxy;
    private static PayaraMicroServer server;

    @BeforeAll
    static void start() {
        Path workDir = BuildOutput.freshWorkDir("PostgresOutageIT");
        postgres = RestartablePostgres.startIn(workDir.resolve("pgdata"), workDir.resolve("postgres.log"));
        proxy = BlackHoleProxy.to(postgres.port());
        server = PayaraMicroServer.in(workDir)
                .withEnv(
                        "SESSIONDB_DB_URL",
                        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + RestartablePostgres.DATABASE)
                .withEnv("SESSIONDB_DB_USER", RestartablePostgres.USER)
                // trust authentication: any password is accepted, but an empty one would not override the default
                .withEnv("SESSIONDB_DB_PASSWORD", "unused")
                .withEnv("SESSIONDB_DB_TIMEOUT", Integer.toString(DB_TIMEOUT_SECONDS))
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** Each test starts from a healthy system, whatever the one before left behind. */
    @BeforeEach
    void databaseUp() {
        proxy.heal();
        if (!postgres.isRunning()) {
            postgres.start();
        }
        Client probe = new Client(server, "probe");
        await().atMost(RECOVERY_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> probe.addItem("ready").status() == 201);
    }

    @Test
    void stoppedServerAnswers503WhileDownAndServiceResumesByItselfWithNothingLost() {
        List<Client> clients = clients("stop");
        Load load = Load.start(clients);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.allHave(201, 0, 3));

            long stoppedNs = System.nanoTime();
            postgres.stop();
            await().atMost(RESPONSE_BOUND.plusSeconds(10)).until(() -> load.allHave(503, stoppedNs, 3));
            holdUntil(stoppedNs, Duration.ofSeconds(3)); // a few seconds down, requests flowing

            postgres.start();
            long backNs = System.nanoTime();
            await().atMost(RECOVERY_BOUND).until(() -> load.allHave(201, backNs, 1));
            System.out.printf(
                    "[stop] database down %d ms; service back %d ms after the database (slowest client)%n",
                    millis(backNs - stoppedNs), load.slowestRecoveryMs(backNs));
            await().atMost(Duration.ofSeconds(20)).until(() -> load.allHave(201, backNs, 5));
        } finally {
            load.stop();
        }

        load.report("stop");
        load.assertEveryRequestAnsweredInTimeWith201Or503();
        assertThat(load.outcomes(503, 0)).as("the outage was seen").isNotEmpty();
        load.assertEachCartHoldsExactlyTheItemsThatGot201();
    }

    @Test
    void blackHoleAnswers503WithinTheConfiguredTimeoutEvenBeyondThePoolAndServiceResumesByItself() {
        List<Client> clients = clients("blackhole");
        Load load = Load.start(clients);
        List<Outcome> burst;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> load.allHave(201, 0, 3));

            // no request is in flight while the path is cut, so none can commit unseen (see Load#paused)
            long cutNs = load.paused(proxy::blackHole);
            // more new visitors at once than the pool has connections: the surplus waits for one
            burst = burst(BURST);
            await().atMost(RESPONSE_BOUND.multipliedBy(2)).until(() -> load.allHave(503, cutNs, 2));

            long healedNs = load.paused(proxy::heal);
            await().atMost(RECOVERY_BOUND).until(() -> load.allHave(201, healedNs, 1));
            List<Outcome> inTheHole = load.outcomes(o -> o.startNs() >= cutNs && o.startNs() < healedNs);
            System.out.printf(
                    "[black hole] cut %d ms; clients' %d requests inside: %s; burst of %d: %s; service back %d ms"
                            + " after the path healed (slowest client)%n",
                    millis(healedNs - cutNs),
                    inTheHole.size(),
                    latencySummary(inTheHole),
                    burst.size(),
                    latencySummary(burst),
                    load.slowestRecoveryMs(healedNs));
            assertThat(inTheHole)
                    .as("requests sent into the black hole")
                    .isNotEmpty()
                    .allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(503));
            await().atMost(Duration.ofSeconds(20)).until(() -> load.allHave(201, healedNs, 5));
        } finally {
            load.stop();
        }

        load.report("black hole");
        load.assertEveryRequestAnsweredInTimeWith201Or503();
        assertAnsweredInTime(burst);
        assertThat(burst)
                .as("the burst, all inside the black hole")
                .allSatisfy(o -> assertThat(o.status()).as("%s", o).isEqualTo(503));
        load.assertEachCartHoldsExactlyTheItemsThatGot201();
    }

    /** {@code count} new visitors add an item at the same moment; returns once all are answered. */
    private static List<Outcome> burst(int count) {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                Client visitor = new Client(server, "burst" + i);
                pending.add(threads.submit(visitor::addNext));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> outcome : pending) {
                // the client's own timeout ends a hung request first; this only guards the test itself
                outcomes.add(outcome.get(CLIENT_PATIENCE.toSeconds() + 10, TimeUnit.SECONDS));
            }
            return outcomes;
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a burst request did not finish", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Client> clients(String prefix) {
        List<Client> clients = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) {
            Client client = new Client(server, prefix + i);
            // the session exists before the outage, so every later request names it
            Outcome first = client.addNext();
            assertThat(first.status()).as("%s", first).isEqualTo(201);
            assertThat(client.sessionId())
                    .as("%s has a session cookie", client.name)
                    .isPresent();
            clients.add(client);
        }
        return clients;
    }

    private static void holdUntil(long sinceNs, Duration duration) {
        long remainingMs = duration.toMillis() - millis(System.nanoTime() - sinceNs);
        if (remainingMs > 0) {
            try {
                Thread.sleep(remainingMs); // keeps the outage going; asserts nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String latencySummary(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return "-";
        }
        List<Long> ms = outcomes.stream().map(Outcome::latencyMs).sorted().toList();
        return "min " + ms.get(0) + " / median " + ms.get(ms.size() / 2) + " / max " + ms.get(ms.size() - 1) + " ms";
    }

    /** One request and what came of it. {@code status} is -1 when no answer came at all ({@code failure}). */
    record Outcome(
            String client,
            String item,
            long startNs,
            long latencyMs,
            int status,
            String body,
            Optional<String> retryAfter,
            String failure) {

        boolean answered() {
            return failure == null;
        }

        @Override
        public String toString() {
            return client + " POST " + item + ": " + (answered() ? "HTTP " + status : failure) + " in " + latencyMs
                    + " ms" + (status == 201 ? "" : " " + body);
        }
    }

    /** A browser-like client with its own cookie jar, and so its own session and cart. */
    static final class Client {
        final String name;
        private final HttpSessionClient http;
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private int next;

        Client(PayaraMicroServer server, String name) {
            this.name = name;
            this.http = server.visitor();
        }

        /** Adds this client's next item, records the outcome and returns it. */
        Outcome addNext() {
            Outcome outcome = addItem(name + "-" + next++);
            outcomes.add(outcome);
            return outcome;
        }

        Outcome addItem(String item) {
            long startNs = System.nanoTime();
            try {
                ApiResponse response = http.addItem(item);
                return new Outcome(
                        name,
                        item,
                        startNs,
                        millis(System.nanoTime() - startNs),
                        response.status(),
                        response.body(),
                        response.firstHeader("Retry-After"),
                        null);
            } catch (UncheckedIOException e) {
                return new Outcome(
                        name,
                        item,
                        startNs,
                        millis(System.nanoTime() - startNs),
                        -1,
                        "",
                        Optional.empty(),
                        e.getCause().toString());
            }
        }

        List<String> cart() {
            ApiResponse response = http.get("/api/cart");
            assertThat(response.status())
                    .as("%s GET /api/cart: %s", name, response)
                    .isEqualTo(200);
            return response.items();
        }

        Optional<String> sessionId() {
            return http.cookieValue();
        }

        List<Outcome> outcomes() {
            return List.copyOf(outcomes);
        }
    }

    /**
     * Clients adding items in a loop, each on its own thread, until stopped (or {@link #LOAD_LIMIT}).
     * Every request runs under a shared read lock, so {@link #paused} can change the world between
     * requests.
     */
    static final class Load {
        private final List<Client> clients;
        private final ExecutorService threads;
        private final List<Future<?>> loops = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);

        private Load(List<Client> clients) {
            this.clients = clients;
            this.threads = Executors.newFixedThreadPool(clients.size());
        }

        static Load start(List<Client> clients) {
            Load load = new Load(clients);
            long deadlineNs = System.nanoTime() + LOAD_LIMIT.toNanos();
            for (Client client : clients) {
                load.loops.add(load.threads.submit(() -> {
                    while (load.running.get() && System.nanoTime() < deadlineNs) {
                        load.gate.readLock().lock();
                        try {
                            client.addNext();
                        } finally {
                            load.gate.readLock().unlock();
                        }
                        try {
                            Thread.sleep(PACE.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            return load;
        }

        /**
         * Runs {@code change} while no request is in flight, and returns when it happened. Used to cut the
         * network path: a request whose COMMIT reached the database just before the cut, and whose reply
         * was then swallowed, would get a 503 for a change that was in fact committed, an ambiguity no
         * client of any database can avoid, and not what this test is about.
         */
        long paused(Runnable change) {
            gate.writeLock().lock();
            try {
                change.run();
                return System.nanoTime();
            } finally {
                gate.writeLock().unlock();
            }
        }

        void stop() {
            running.set(false);
            threads.shutdown();
            try {
                if (!threads.awaitTermination(CLIENT_PATIENCE.toSeconds() + 10, TimeUnit.SECONDS)) {
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether every client has at least {@code count} outcomes with {@code status} sent since {@code sinceNs}. */
        boolean allHave(int status, long sinceNs, int count) {
            return clients.stream()
                    .allMatch(client -> client.outcomes().stream()
                                    .filter(o -> o.status() == status && o.startNs() >= sinceNs)
                                    .count()
                            >= count);
        }

        List<Outcome> outcomes(int status, long sinceNs) {
            return outcomes(o -> o.status() == status && o.startNs() >= sinceNs);
        }

        List<Outcome> outcomes(Predicate<Outcome> filter) {
            return clients.stream()
                    .flatMap(client -> client.outcomes().stream())
                    .filter(filter)
                    .toList();
        }

        /** From {@code sinceNs} to the answer of the first request sent after it that succeeded, slowest client. */
        long slowestRecoveryMs(long sinceNs) {
            return clients.stream()
                    .mapToLong(client -> client.outcomes().stream()
                            .filter(o -> o.status() == 201 && o.startNs() >= sinceNs)
                            .mapToLong(o -> millis(o.startNs() - sinceNs) + o.latencyMs())
                            .min()
                            .orElse(-1))
                    .max()
                    .orElse(-1);
        }

        void report(String phase) {
            List<Outcome> all = outcomes(o -> true);
            List<Outcome> unavailable = outcomes(o -> o.status() == 503);
            List<Outcome> created = outcomes(o -> o.status() == 201);
            System.out.printf(
                    "[%s] %d requests: %d x 201 (%s), %d x 503 (%s), %d other%n",
                    phase,
                    all.size(),
                    created.size(),
                    latencySummary(created),
                    unavailable.size(),
                    latencySummary(unavailable),
                    all.size() - created.size() - unavailable.size());
        }

        void assertEveryRequestAnsweredInTimeWith201Or503() {
            assertAnsweredInTime(outcomes(o -> true));
        }

        /** Nothing committed is lost, and nothing that failed was half-written: cart = the items that got 201. */
        void assertEachCartHoldsExactlyTheItemsThatGot201() {
            for (Client client : clients) {
                List<String> created = client.outcomes().stream()
                        .filter(o -> o.status() == 201)
                        .map(Outcome::item)
                        .toList();
                assertThat(client.cart())
                        .as("%s's cart: every item that got 201, in order, and none that got 503", client.name)
                        .containsExactlyElementsOf(created);
            }
        }
    }

    /** Every request answered, within the bound, with 201 or a 503 that says why. */
    private static void assertAnsweredInTime(List<Outcome> outcomes) {
        assertThat(outcomes)
                .as("every request is answered, within %s, with 201 or 503 (never 500, never a hang)", RESPONSE_BOUND)
                .allSatisfy(o -> {
                    assertThat(o.answered()).as("%s", o).isTrue();
                    assertThat(o.status()).as("%s", o).isIn(201, 503);
                    assertThat(Duration.ofMillis(o.latencyMs())).as("%s", o).isLessThan(RESPONSE_BOUND);
                });
        assertThat(outcomes)
                .filteredOn(o -> o.status() == 503)
                .as("every 503 says why, and when to retry")
                .allSatisfy(o -> {
                    assertThat(JSON.createReader(new StringReader(o.body()))
                                    .readObject()
                                    .getString("error", null))
                            .as("%s", o)
                            .isEqualTo(UNAVAILABLE);
                    assertThat(o.retryAfter()).as("%s: Retry-After", o).isPresent();
                });
    }
}
