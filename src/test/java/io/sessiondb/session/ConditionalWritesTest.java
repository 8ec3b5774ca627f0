package io.sessiondb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.sessiondb.SessionStoreException;
import io.sessiondb.cache.HeldSession;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.TestConfig;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.store.SessionDeletedException;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.store.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own cache, on one real database (H2): what one node's save does to what the
 * other stored. Every write is conditional on the row version it was based on.
 */
class ConditionalWritesTest {

    private static final long TOUCH_MS = 60_000;
    private static final String ID = SessionIds.generate();

    private final TestStore store = TestStore.h2();
    private final SessionCache nodeA = node(store.repository());
    private final SessionCache nodeB = node(store.anotherNode());

    private static SessionCache node(SessionRepository repository) {
        return TestSessionCache.of(
                repository,
                mock(SessionEvents.class),
                TestConfig.settings(Map.of("sessiondb.cache.coherence", "version")));
    }

    private static StoredSession join(SessionCache node) {
        return node.join(ID, null, System.currentTimeMillis()).session();
    }

    private static void save(SessionCache node, StoredSession session) {
        session.saves().save(node.repository(), System.currentTimeMillis(), TOUCH_MS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSaveOnOneNodeNeverHidesAChangeAnotherNodeMadeDuringItsRequest() {
        store.insert(ID, 1800, Map.of("cart", new ArrayList<>(List.of("apple")), "counter", 0));
        StoredSession onA = join(nodeA);
        StoredSession onB = join(nodeB);

        ((List<String>) onB.getAttribute("cart")).add("pear");
        save(nodeB, onB);
        onA.setAttribute("counter", 1);
        save(nodeA, onA);

        assertThat(store.attribute(ID, "cart", TestConfig.limits(Map.of()))).isEqualTo(List.of("apple", "pear"));
        assertThat(store.attribute(ID, "counter", TestConfig.limits(Map.of()))).isEqualTo(1);
        assertThat(onA.getAttribute("cart"))
                .as("node A's copy took B's change with its own save")
                .isEqualTo(List.of("apple", "pear"));
        assertThat(onA.row().version()).isEqualTo(store.sessionColumn(ID, "version"));
        assertThat(join(nodeB).getAttribute("counter"))
                .as("node B's next request sees A's change")
                .isEqualTo(1);
    }

    @Test
    void theSameAttributeChangedOnTwoNodesKeepsTheLastWrite() {
        store.insert(ID, 1800, Map.of("color", "red"));
        StoredSession onA = join(nodeA);
        StoredSession onB = join(nodeB);

        onB.setAttribute("color", "blue");
        save(nodeB, onB);
        onA.setAttribute("color", "green");
        save(nodeA, onA);

        assertThat(store.attribute(ID, "color", TestConfig.limits(Map.of()))).isEqualTo("green");
    }

    @Test
    void aRequestThatBeganBeforeASignOutElsewhereDoesNotSignTheUserBackIn() {
        store.insert(ID, 1800, Map.of());
        store.update(
                "UPDATE sessiondb_session SET principal_name = 'alice', signed_in = ?",
                new SignedInCaller("alice", Set.of("users")).stored());
        StoredSession onA = join(nodeA);
        StoredSession onB = join(nodeB);

        onB.row().signedOut();
        save(nodeB, onB);
        onA.setAttribute("note", "written after the sign-out elsewhere");
        save(nodeA, onA);

        assertThat(store.sessionColumn(ID, "principal_name")).isNull();
        assertThat(store.sessionColumn(ID, "signed_in")).isNull();
        assertThat(onA.row().signedIn()).isNull();
        assertThat(store.attribute(ID, "note", TestConfig.limits(Map.of()))).isNotNull();
    }

    @Test
    void aFieldChangedWhileItsSaveIsWrittenIsWrittenByTheNextSave() {
        store.insert(ID, 1800, Map.of());
        StoredSession session = join(nodeA);
        session.row().principalChanged("bob");
        SessionWrite write = session.pendingWrite(System.currentTimeMillis(), TOUCH_MS);

        session.row().principalChanged("carol"); // another request, while the write is on its way
        session.saved(write, store.repository().save(write).orElseThrow());
        SessionWrite next = session.pendingWrite(System.currentTimeMillis(), TOUCH_MS);

        assertThat(next.changed(SessionWrite.RowField.PRINCIPAL)).isTrue();
        assertThat(next.row().principalName()).isEqualTo("carol");
        save(nodeA, session);
        assertThat(store.sessionColumn(ID, "principal_name")).isEqualTo("carol");
    }

    @Test
    void aTouchNeverRevivesAnExpiredRow() {
        store.insert(ID, 1800, Map.of());
        StoredSession session = join(nodeA);
        long expiredAtMs = System.currentTimeMillis() - 1_000;
        store.update("UPDATE sessiondb_session SET expires_at_ms = ?", expiredAtMs);

        // a touch is due: the request comes a whole touch interval after the last write
        assertThatThrownBy(
                        () -> session.saves().save(nodeA.repository(), System.currentTimeMillis() + TOUCH_MS, TOUCH_MS))
                .isInstanceOf(SessionDeletedException.class);

        assertThat(store.sessionColumn(ID, "expires_at_ms")).isEqualTo(expiredAtMs);
    }

    @Test
    void aSaveNeverRevivesARevokedSession() {
        store.insert(ID, 1800, Map.of());
        StoredSession session = join(nodeA);
        store.update("DELETE FROM sessiondb_session"); // revoked by an operator

        session.setAttribute("late", "change");
        assertThatThrownBy(() -> save(nodeA, session)).isInstanceOf(SessionDeletedException.class);

        assertThat(store.rowExists(ID)).isFalse();
        assertThat(store.value("SELECT COUNT(*) FROM sessiondb_attribute")).isEqualTo(0L);
    }

    @Test
    void aSaveGivesUpAfterTheRowChangedUnderEveryAttempt() {
        store.insert(ID, 1800, Map.of());
        SessionRepository alwaysOutrun = spy(store.repository());
        doReturn(OptionalLong.empty()).when(alwaysOutrun).save(any());
        StoredSession session = join(nodeA);
        session.setAttribute("a", "1");

        assertThatThrownBy(() -> session.saves().save(alwaysOutrun, System.currentTimeMillis(), TOUCH_MS))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("changed by other requests during each of " + SessionSaves.MOST_ATTEMPTS);

        verify(alwaysOutrun, times(SessionSaves.MOST_ATTEMPTS)).save(any());
    }

    @Test
    void anIdChangeOnTopOfAChangeElsewhereKeepsBoth() {
        store.insert(ID, 1800, Map.of());
        StoredSession onA = join(nodeA);
        StoredSession onB = join(nodeB);
        onB.setAttribute("fromB", "kept");
        save(nodeB, onB);

        String newId = SessionIds.generate();
        assertThat(onA.saves().changeId(nodeA.repository(), newId, "alice")).isPresent();

        assertThat(onA.getId()).isEqualTo(newId);
        assertThat(onA.getAttribute("fromB")).isEqualTo("kept");
        assertThat(store.attribute(newId, "fromB", TestConfig.limits(Map.of()))).isEqualTo("kept");
        assertThat(store.sessionColumn(newId, "principal_name")).isEqualTo("alice");
        assertThat(store.sessionColumn(newId, "previous_id")).isEqualTo(StorageKeys.of(ID));
    }

    @Test
    void anApplicationSynchronizingOnItsSessionToInvalidateItNeverDeadlocksWithAJoin() throws Exception {
        for (int round = 0; round < 50; round++) {
            store.update("DELETE FROM sessiondb_session");
            store.insert(ID, 1800, Map.of());
            StoredSession session = join(nodeA);
            CompletableFuture<Void> invalidating = CompletableFuture.runAsync(() -> {
                synchronized (session) {
                    session.invalidate();
                }
            });
            CompletableFuture<HeldSession> joining =
                    CompletableFuture.supplyAsync(() -> nodeA.join(ID, null, System.currentTimeMillis()));
            invalidating.get(5, TimeUnit.SECONDS);
            HeldSession joined = joining.get(5, TimeUnit.SECONDS);
            if (joined != null) {
                nodeA.leave(joined);
            }
        }
        assertThat(store.rowExists(ID)).isFalse();
    }

    @Test
    void anApplicationSynchronizingOnItsSessionToChangeItsIdNeverDeadlocksWithAJoin() throws Exception {
        store.insert(ID, 1800, Map.of());
        StoredSession session = join(nodeA);
        List<String> ids = new ArrayList<>(List.of(ID));
        for (int round = 0; round < 50; round++) {
            String oldId = ids.get(ids.size() - 1);
            String newId = SessionIds.generate();
            ids.add(newId);
            CompletableFuture<Void> changing = CompletableFuture.runAsync(() -> {
                synchronized (session) {
                    session.saves().changeId(nodeA.repository(), newId, null);
                    session.idChanged(oldId);
                }
            });
            CompletableFuture<HeldSession> joining =
                    CompletableFuture.supplyAsync(() -> nodeA.join(oldId, null, System.currentTimeMillis()));
            changing.get(5, TimeUnit.SECONDS);
            HeldSession joined = joining.get(5, TimeUnit.SECONDS);
            if (joined != null) {
                nodeA.leave(joined);
            }
        }
        assertThat(store.rowExists(ids.get(ids.size() - 1))).isTrue();
        assertThat(session.getId()).isEqualTo(ids.get(ids.size() - 1));
    }
}
