package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Visit stamps live in the session row and a node writes a stored session's stamps later, in one batch:
 * here only when it stops (the flush interval is longer than the test), which shows what a read costs
 * (no write), what a normal stop keeps (every stamp) and what a crash may lose (the stamps not yet
 * written, never an attribute).
 */
@EveryDatabase
class VisitStampsIT {

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("VisitStampsIT")
            .onTestDatabase("sessiondb_visit_stamps")
            .withEnv("SESSIONDB_VISITS_FLUSH_INTERVAL_MS", "60000");

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

    @Test
    void aCrashLosesOnlyTheStampsNotYetWrittenNeverAnAttribute() {
        HttpSessionClient visitor = server.visitor();
        assertThat(visitor.addItem("apple").status()).isEqualTo(201);
        for (int visit = 2; visit <= 4; visit++) {
            assertThat(visitor.get("/api/cart").status()).isEqualTo(200);
        }
        assertThat(visitor.addItem("pear").status()).isEqualTo(201); // visit 5: writes the cart, not the stamps

        server.kill();
        server.start();

        assertThat(visitor.get("/api/cart").items()).containsExactly("apple", "pear");
        // only the first visit, stored with the new row, was written: the reads wrote nothing
        assertThat(visitor.get("/api/session").json().getInt("visits")).isEqualTo(3);
    }
}
