package io.sessiondb.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    private static final String CONFIGURED = "a-configured-secret-of-at-least-32-characters";
    private static final String NEXT = "the-next-configured-secret-of-32-characters-or-more";

    private final TestStore store = TestStore.h2();

    @Test
    void withoutConfiguredSecretsTheFirstNodeGeneratesOneThatEveryNodeUses() {
        List<String> first = store.signingKeys(Map.of()).all();
        List<String> second = store.signingKeys(Map.of()).all();

        assertThat(first).singleElement().asString().hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(second).as("another node on the same database").isEqualTo(first);
        assertThat(store.value("SELECT secret FROM sessiondb_secret")).isEqualTo(first.get(0));
        assertThat(TestStore.h2().signingKeys(Map.of()).all())
                .as("another database")
                .doesNotContainAnyElementsOf(first);
    }

    @Test
    void nodesStartingAtOnceEndWithOneSecret() throws Exception {
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> secrets = new ArrayList<>();
            for (int node = 0; node < nodes; node++) {
                SigningKeys keys = store.signingKeys(Map.of());
                secrets.add(pool.submit(() -> {
                    start.await();
                    return keys.all();
                }));
            }
            start.countDown();

            List<String> first = secrets.get(0).get();
            for (Future<List<String>> secret : secrets) {
                assertThat(secret.get()).isEqualTo(first);
            }
            assertThat(store.value("SELECT COUNT(*) FROM sessiondb_secret")).isEqualTo(1L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configuredSecretsSignAndTheGeneratedOneStillVerifiesUntilItsRowIsDeleted() {
        String generated = store.signingKeys(Map.of()).all().get(0);

        assertThat(store.signingKeys(Map.of("sessiondb.secrets", CONFIGURED + "," + NEXT))
                        .all())
                .containsExactly(CONFIGURED, NEXT, generated);

        store.update("DELETE FROM sessiondb_secret");
        assertThat(store.signingKeys(Map.of("sessiondb.secrets", CONFIGURED)).all())
                .containsExactly(CONFIGURED);
    }

    @Test
    void configuredSecretsGenerateNone() {
        assertThat(store.signingKeys(Map.of("sessiondb.secrets", CONFIGURED)).all())
                .containsExactly(CONFIGURED);

        assertThat(store.value("SELECT COUNT(*) FROM sessiondb_secret")).isEqualTo(0L);
    }

    @Test
    void aGeneratedSecretAlsoConfiguredIsListedOnce() {
        String generated = store.signingKeys(Map.of()).all().get(0);

        assertThat(store.signingKeys(Map.of("sessiondb.secrets", CONFIGURED + "," + generated))
                        .all())
                .containsExactly(CONFIGURED, generated);
    }
}
