package io.sessiondb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.sessiondb.SessionStoreException;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.TestConfig;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SessionWrite.RowField;
import io.sessiondb.store.StorageKeys;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * What {@link SessionSaves} itself decides, against a repository that answers as the test says: what each
 * write is based on and holds, what a conflict makes it do, and that a session's saves, refreshes and id
 * changes on one node take turns. What the writes do to a real database is {@link ConditionalWritesTest}'s.
 */
class SessionSavesTest {

    private static final long NOW = 1_000_000_000L;
    private static final long TOUCH_MS = 60_000;
    private static final String ID = "id-1";
    private static final long VERSION = 7;

    private final SessionRepository repository = mock(SessionRepository.class);
    private final SessionCache cache = TestSessionCache.of(
            repository, mock(SessionEvents.class), TestConfig.settings(Map.of("sessiondb.visits.enabled", "false")));

    private static SessionData record(
            long version, long lastAccessedMs, int timeoutSeconds, Map<String, byte[]> attributes) {
        return new SessionData(
                StorageKeys.of(ID),
                NOW - 10_000,
                lastAccessedMs,
                timeoutSeconds,
                null,
                null,
                attributes,
                null,
                0,
                null,
                version,
                lastAccessedMs + timeoutSeconds * 1000L,
                NOW);
    }

    private static SessionData record(long version, Map<String, byte[]> attributes) {
        return record(version, NOW - 1_000, 1800, attributes);
    }

    private StoredSession loaded(SessionData record) {
        return StoredSession.load(null, cache, ID, record, NOW);
    }

    private static byte[] bytes(String name, Object value) {
        return AttributeCodec.serialize(name, value);
    }

    @Test
    void aSaveWithNothingToWriteAsksTheDatabaseNothing() {
        StoredSession session = loaded(record(VERSION, Map.of("a", bytes("a", "1"))));
        session.getAttribute("a");

        assertThat(session.saves().save(repository, NOW, TOUCH_MS)).isNull();

        verifyNoInteractions(repository);
    }

    @Test
    void aSaveWritesOnTopOfTheVersionItHoldsAndTakesTheVersionItsWriteLeft() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        session.setAttribute("a", "1");
        doReturn(OptionalLong.of(8)).when(repository).save(any());

        SessionWrite written = session.saves().save(repository, NOW, TOUCH_MS);

        ArgumentCaptor<SessionWrite> write = ArgumentCaptor.forClass(SessionWrite.class);
        verify(repository).save(write.capture());
        assertThat(write.getValue()).isSameAs(written);
        assertThat(written.sessionId()).isEqualTo(ID);
        assertThat(written.baseVersion()).isEqualTo(VERSION);
        assertThat(written.insertedAttributes()).containsOnlyKeys("a");
        assertThat(session.row().version()).isEqualTo(8);
        assertThat(session.pendingWrite(NOW, TOUCH_MS))
                .as("nothing left to write")
                .isNull();
        verify(repository, never()).findById(anyString());
    }

    @Test
    void onAConflictItReloadsAndWritesOnlyItsOwnChangesOnTopOfTheVersionItFound() {
        StoredSession session =
                loaded(record(VERSION, Map.of("mine", bytes("mine", "old"), "theirs", bytes("theirs", "old"))));
        session.setAttribute("mine", "changed here");
        // meanwhile another node changed another attribute and the timeout
        doReturn(Optional.of(record(
                        VERSION + 1,
                        NOW - 500,
                        900,
                        Map.of("mine", bytes("mine", "old"), "theirs", bytes("theirs", "changed elsewhere")))))
                .when(repository)
                .findById(ID);
        doReturn(OptionalLong.empty(), OptionalLong.of(VERSION + 2))
                .when(repository)
                .save(any());

        SessionWrite written = session.saves().save(repository, NOW, TOUCH_MS);

        ArgumentCaptor<SessionWrite> writes = ArgumentCaptor.forClass(SessionWrite.class);
        verify(repository, times(2)).save(writes.capture());
        SessionWrite first = writes.getAllValues().get(0);
        SessionWrite retry = writes.getAllValues().get(1);
        assertThat(first.baseVersion()).isEqualTo(VERSION);
        assertThat(retry).isSameAs(written);
        assertThat(retry.baseVersion()).isEqualTo(VERSION + 1);
        assertThat(retry.updatedAttributes()).containsOnlyKeys("mine");
        assertThat(retry.insertedAttributes()).isEmpty();
        assertThat(retry.removedAttributes()).isEmpty();
        assertThat(retry.changedFields()).as("the timeout is theirs").doesNotContain(RowField.TIMEOUT);
        assertThat(retry.row().maxInactiveSeconds()).isEqualTo(900);
        assertThat(session.getAttribute("theirs")).isEqualTo("changed elsewhere");
        assertThat(session.getAttribute("mine")).isEqualTo("changed here");
        assertThat(session.row().version()).isEqualTo(VERSION + 2);
    }

    @Test
    void aTouchThatConflictsWithAWriteThatTouchedTheRowWritesNothingMore() {
        // accessed a whole touch interval ago: this request's save only touches the row
        StoredSession session = loaded(record(VERSION, NOW - TOUCH_MS, 1800, Map.of()));
        doReturn(OptionalLong.empty()).when(repository).save(any());
        // another node's request touched it meanwhile
        doReturn(Optional.of(record(VERSION + 1, NOW - 100, 1800, Map.of())))
                .when(repository)
                .findById(ID);

        assertThat(session.saves().save(repository, NOW, TOUCH_MS)).isNull();

        verify(repository, times(1)).save(any());
        assertThat(session.row().version()).isEqualTo(VERSION + 1);
    }

    @Test
    void aRefreshTakesWhatChangedElsewhereButKeepsAValueChangedHereInPlace() {
        StoredSession session = loaded(record(
                VERSION,
                Map.of("cart", bytes("cart", new ArrayList<>(List.of("apple"))), "note", bytes("note", "old"))));
        @SuppressWarnings("unchecked")
        List<String> cart = (List<String>) session.getAttribute("cart");
        cart.add("pear"); // changed in place, without setAttribute
        doReturn(Optional.of(record(
                        VERSION + 1,
                        Map.of(
                                "cart",
                                bytes("cart", new ArrayList<>(List.of("plum"))),
                                "note",
                                bytes("note", "changed elsewhere")))))
                .when(repository)
                .findById(ID);

        assertThat(session.saves().refresh(repository, NOW)).isTrue();

        assertThat(session.getAttribute("note")).isEqualTo("changed elsewhere");
        assertThat(session.getAttribute("cart")).isEqualTo(List.of("apple", "pear"));
        assertThat(session.row().version()).isEqualTo(VERSION + 1);
        SessionWrite next = session.pendingWrite(NOW, TOUCH_MS);
        assertThat(next.baseVersion()).isEqualTo(VERSION + 1);
        assertThat(next.updatedAttributes()).containsOnlyKeys("cart");
    }

    @Test
    void aRefreshOfASessionGoneFromTheDatabaseSaysSo() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        doReturn(Optional.empty()).when(repository).findById(ID);

        assertThat(session.saves().refresh(repository, NOW)).isFalse();
    }

    @Test
    void anIdChangeWritesOnTopOfTheVersionHeldAndTheSessionTakesItsIdVersionAndUser() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        doReturn(OptionalLong.of(VERSION + 1)).when(repository).changeId(ID, "id-2", "alice", VERSION);

        assertThat(session.saves().changeId(repository, "id-2", "alice")).hasValue(VERSION + 1);

        assertThat(session.getId()).isEqualTo("id-2");
        assertThat(session.row().storageKey()).isEqualTo(StorageKeys.of("id-2"));
        assertThat(session.row().version()).isEqualTo(VERSION + 1);
        assertThat(session.row().principalName()).isEqualTo("alice");
        assertThat(session.row().rowWritten()).isTrue();
        assertThat(session.pendingWrite(NOW, TOUCH_MS))
                .as("the user is stored already: nothing left to write")
                .isNull();
    }

    @Test
    void anIdChangeThatConflictsTriesAgainOnTopOfTheVersionItReloaded() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        doReturn(OptionalLong.empty()).when(repository).changeId(ID, "id-2", "alice", VERSION);
        doReturn(Optional.of(record(VERSION + 1, Map.of()))).when(repository).findById(ID);
        doReturn(OptionalLong.of(VERSION + 2)).when(repository).changeId(ID, "id-2", "alice", VERSION + 1);

        assertThat(session.saves().changeId(repository, "id-2", "alice")).hasValue(VERSION + 2);

        InOrder order = inOrder(repository);
        order.verify(repository).changeId(ID, "id-2", "alice", VERSION);
        order.verify(repository).findById(ID);
        order.verify(repository).changeId(ID, "id-2", "alice", VERSION + 1);
        assertThat(session.getId()).isEqualTo("id-2");
        assertThat(session.row().version()).isEqualTo(VERSION + 2);
    }

    @Test
    void anIdChangeOfASessionGoneFromTheDatabaseChangesNothing() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        doReturn(OptionalLong.empty()).when(repository).changeId(anyString(), anyString(), any(), anyLong());
        doReturn(Optional.empty()).when(repository).findById(ID);

        assertThat(session.saves().changeId(repository, "id-2", "alice")).isEmpty();

        verify(repository, times(1)).changeId(anyString(), anyString(), any(), anyLong());
        assertThat(session.getId()).isEqualTo(ID);
        assertThat(session.row().principalName()).isNull();
        assertThat(session.row().version()).isEqualTo(VERSION);
    }

    @Test
    void anIdChangeGivesUpAfterTheRowChangedUnderEveryAttempt() {
        StoredSession session = loaded(record(VERSION, Map.of()));
        doReturn(OptionalLong.empty()).when(repository).changeId(anyString(), anyString(), any(), anyLong());
        long[] elsewhere = {VERSION};
        doAnswer(invocation -> Optional.of(record(++elsewhere[0], Map.of())))
                .when(repository)
                .findById(ID);

        assertThatThrownBy(() -> session.saves().changeId(repository, "id-2", "alice"))
                .isInstanceOf(SessionStoreException.class)
                .hasMessageContaining("during each of " + SessionSaves.MOST_ATTEMPTS + " id changes");

        verify(repository, times(SessionSaves.MOST_ATTEMPTS)).changeId(anyString(), anyString(), any(), anyLong());
        assertThat(session.getId()).isEqualTo(ID);
    }

    @Test
    void aRefreshWaitsForTheSaveInProgress() throws Exception {
        StoredSession session = loaded(record(VERSION, Map.of()));
        session.setAttribute("a", "1");
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
                    events.add("write begins");
                    writing.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    events.add("write ends");
                    return OptionalLong.of(VERSION + 1);
                })
                .when(repository)
                .save(any());
        doAnswer(invocation -> {
                    events.add("read");
                    return Optional.of(record(VERSION + 1, Map.of("a", bytes("a", "1"))));
                })
                .when(repository)
                .findById(ID);

        Started<SessionWrite> save = start(() -> session.saves().save(repository, NOW, TOUCH_MS));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        Started<Boolean> refresh = start(() -> session.saves().refresh(repository, NOW));
        awaitWaitingForTheTurnOr(refresh.thread(), () -> events.contains("read"));
        release.countDown();

        assertThat(save.result().get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(refresh.result().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("write begins", "write ends", "read");
    }

    @Test
    void aSaveWaitsForTheIdChangeInProgressAndWritesToTheNewIdOnTopOfItsVersion() throws Exception {
        StoredSession session = loaded(record(VERSION, Map.of()));
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
                    events.add("id change begins");
                    changing.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    events.add("id change ends");
                    return OptionalLong.of(VERSION + 1);
                })
                .when(repository)
                .changeId(ID, "id-2", null, VERSION);
        doAnswer(invocation -> {
                    events.add("write");
                    return OptionalLong.of(VERSION + 2);
                })
                .when(repository)
                .save(any());

        Started<OptionalLong> idChange = start(() -> session.saves().changeId(repository, "id-2", null));
        assertThat(changing.await(10, TimeUnit.SECONDS)).isTrue();
        session.setAttribute("a", "1"); // another request of the session, which then saves
        Started<SessionWrite> save = start(() -> session.saves().save(repository, NOW, TOUCH_MS));
        awaitWaitingForTheTurnOr(save.thread(), () -> events.contains("write"));
        release.countDown();

        assertThat(idChange.result().get(10, TimeUnit.SECONDS)).hasValue(VERSION + 1);
        SessionWrite written = save.result().get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("id change begins", "id change ends", "write");
        assertThat(written.sessionId()).isEqualTo("id-2");
        assertThat(written.baseVersion()).isEqualTo(VERSION + 1);
        verify(repository, never()).findById(anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValueChangedInPlaceWhileASaveWaitsOrWritesIsKeptWhenTheSaveMergesAConflict() {
        StoredSession session = loaded(record(
                VERSION,
                Map.of("cart", bytes("cart", new ArrayList<>(List.of("apple"))), "note", bytes("note", "old"))));
        List<String> cart = (List<String>) session.getAttribute("cart");
        session.setAttribute("note", "mine");
        doAnswer(invocation -> {
                    cart.add("pear"); // another request of the session, after this save serialized the values
                    return OptionalLong.empty(); // and another node wrote the row meanwhile
                })
                .doReturn(OptionalLong.of(VERSION + 2))
                .when(repository)
                .save(any());
        doReturn(Optional.of(record(
                        VERSION + 1,
                        Map.of(
                                "cart",
                                bytes("cart", new ArrayList<>(List.of("apple"))),
                                "note",
                                bytes("note", "old")))))
                .when(repository)
                .findById(ID);

        SessionWrite retry = session.saves().save(repository, NOW, TOUCH_MS);

        assertThat(session.getAttribute("cart"))
                .as("the live cart stays the session's")
                .isSameAs(cart)
                .isEqualTo(List.of("apple", "pear"));
        assertThat(retry.updatedAttributes()).containsOnlyKeys("note", "cart");
    }

    @Test
    void aSaveWithNothingUnsavedDoesNotWaitForTheTurn() throws Exception {
        StoredSession session =
                loaded(record(VERSION, Map.of("cart", bytes("cart", new ArrayList<>(List.of("apple"))))));
        session.getAttribute("cart"); // read, not changed: serialized again at the save, to find out
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
                    reading.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return Optional.of(record(VERSION, Map.of()));
                })
                .when(repository)
                .findById(ID);
        Started<Boolean> refresh = start(() -> session.saves().refresh(repository, NOW));
        assertThat(reading.await(10, TimeUnit.SECONDS))
                .as("the refresh holds the turn")
                .isTrue();

        try {
            Started<SessionWrite> save = start(() -> session.saves().save(repository, NOW, TOUCH_MS));
            assertThat(save.result().get(10, TimeUnit.SECONDS)).isNull();
            assertThat(refresh.result()).as("still holding the turn").isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(refresh.result().get(10, TimeUnit.SECONDS)).isTrue();
        verify(repository, never()).save(any());
    }

    @Test
    void aValueSerializedBeforeAnotherRequestsChangeNeverReplacesTheFormWithThatChange() throws Exception {
        StoredSession session = loaded(record(VERSION, Map.of()));
        SlowToSerialize cart = new SlowToSerialize("apple");
        session.setAttribute("cart", cart);
        doReturn(OptionalLong.of(VERSION + 1), OptionalLong.of(VERSION + 2))
                .when(repository)
                .save(any());
        assertThat(session.saves().save(repository, NOW, TOUCH_MS)).isNotNull();
        // one request's save serializes the cart as it is, and is slow to finish
        Started<SessionWrite> slow = start(() -> {
            cart.slowThread = Thread.currentThread();
            return session.saves().save(repository, NOW, TOUCH_MS);
        });
        assertThat(cart.serializing.await(10, TimeUnit.SECONDS)).isTrue();
        // meanwhile another request changes it in place and saves
        cart.items.add("pear");
        SessionWrite changed = session.saves().save(repository, NOW, TOUCH_MS);
        assertThat(changed.updatedAttributes()).containsOnlyKeys("cart");
        cart.release.countDown();

        assertThat(slow.result().get(10, TimeUnit.SECONDS))
                .as("its older form is dropped: nothing of its own to write")
                .isNull();
        verify(repository, times(2)).save(any());
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    /** A cart whose serialization, on one thread, takes its items as they are, then waits to be released. */
    static final class SlowToSerialize implements Serializable {

        private static final long serialVersionUID = 1L;
        final List<String> items = new CopyOnWriteArrayList<>();
        final transient CountDownLatch serializing = new CountDownLatch(1);
        final transient CountDownLatch release = new CountDownLatch(1);
        transient volatile Thread slowThread;

        SlowToSerialize(String item) {
            items.add(item);
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            List<String> taken = new ArrayList<>(items);
            if (Thread.currentThread() == slowThread) {
                serializing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            out.writeObject(taken);
        }
    }

    /** A call running on a thread of its own. */
    private record Started<T>(Thread thread, CompletableFuture<T> result) {}

    private static <T> Started<T> start(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        return new Started<>(thread, result);
    }

    /**
     * Waits until {@code thread} is parked taking a session's turn ({@link SessionSaves}' lock), or, should it
     * not wait for it, until it got past it: then the order of the events shows it.
     */
    private static void awaitWaitingForTheTurnOr(Thread thread, BooleanSupplier gotPast) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> gotPast.getAsBoolean() || waitingForTheTurn(thread));
    }

    private static boolean waitingForTheTurn(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return thread.getState() == Thread.State.WAITING
                && Arrays.stream(stack)
                        .anyMatch(frame -> frame.getClassName().equals(ReentrantLock.class.getName())
                                && frame.getMethodName().equals("lock"))
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(SessionSaves.class.getName()));
    }
}
