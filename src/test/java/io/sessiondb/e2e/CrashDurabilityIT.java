package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a crash (SIGKILL) and a normal stop keep, on every database, the embedded H2 default included. One
 * test kills the server once for both crash properties below; the other stops it normally.
 *
 * <ul>
 *   <li>Acknowledged means durable: clients add cart items while the server is killed; after a restart
 *       every add that was answered {@code 201} is in its cart.
 *   <li>Visit stamps: a node writes a stored session's stamps later, in one batch, here only when it stops
 *       (the flush interval is longer than the test). That shows what a read costs (no write), what a normal
 *       stop keeps (every stamp) and what a crash may lose (the stamps not yet written, never an attribute).
 * </ul>
 */
@EveryDatabase
class CrashDurabilityIT {

    private static final int CLIENTS = 6;
    /** Acknowledged adds before the kill: enough that a lost write would show. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("CrashDurabilityIT")
            .onTestDatabase("sessiondb_crash_durability")
            .withEnv("SESSIONDB_VISITS_FLUSH_INTERVAL_MS", "60000");

    /**
     * One kill shows both of a crash's properties, a boot being the costliest part of the test: the stamps
     * visitor's visits are all made before the adding clients start, and are still pending when the server
     * is killed, well within the flush interval of its start.
     */
    @Test
    void aKillLosesNoAcknowledgedAddAndOnlyTheStampsNotYetWritten() throws Exception {
        HttpSessionClient stamped = server.visitor();
        assertThat(stamped.addItem("apple").status()).isEqualTo(201); // visit 1, written with the new row
        for (int visit = 2; visit <= 4; visit++) {
            assertThat(stamped.get("/api/cart").status()).isEqualTo(200);
        }
        assertThat(stamped.addItem("pear").status()).isEqualTo(201); // visit 5: writes the cart, not the stamps

        List<HttpSessionClient> clients = new ArrayList<>();
        List<List<String>> acknowledged = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(server.visitor());
            acknowledged.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger total = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            runs.add(pool.submit(
                    () -> addUntilTheServerDies(clients.get(client), client, acknowledged.get(client), total)));
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> total.get() >= ACKNOWLEDGED_BEFORE_KILL);

        server.kill(); // while the clients are still adding
        for (Future<?> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        server.start();

        for (int c = 0; c < CLIENTS; c++) {
            ApiResponse cart = clients.get(c).get("/api/cart");
            assertThat(cart.status()).isEqualTo(200);
            assertThat(cart.items())
                    .as("client %d's cart after the restart holds every acknowledged add", c)
                    .containsAll(acknowledged.get(c));
        }
        assertThat(stamped.get("/api/cart").items())
                .as("the stamps visitor's cart: every attribute kept")
                .containsExactly("apple", "pear");
        assertThat(stamped.get("/api/session").json().getInt("visits"))
                .as("only the first visit, stored with the new row, was written: the reads wrote nothing")
                .isEqualTo(3);
    }

    @Test
    void aNormalStopWritesTheStampsItHeld() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201); // visit 1, written with the new row
        for (int visit = 2; visit <= 5; visit++) {
            assertThat(visitor.get("/api/session").json().getInt("visits")).isEqualTo(visit);
        }

        server.restart();

        assertThat(visitor.get("/api/session").json().getInt("visits")).isEqualTo(6);
    }

    /** Adds items one after another; records each one answered 201; stops at the first failed request. */
    private static void addUntilTheServerDies(
            HttpSessionClient client, int clientNumber, List<String> acknowledged, AtomicInteger total) {
        for (int i = 0; ; i++) {
            String item = "c" + clientNumber + "-" + i;
            try {
                if (client.addItem(item).status() == 201) {
                    acknowledged.add(item);
                    total.incrementAndGet();
                }
            } catch (RuntimeException e) {
                return; // the server is gone: the connection failed
            }
        }
    }
}
