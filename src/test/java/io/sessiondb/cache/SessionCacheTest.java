package io.sessiondb.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.config.TestConfig;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.StorageKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionCacheTest {

    private static final long NOW = 1_000_000_000L;
    private static final long VERSION = 42;

    private final SessionRepository repository = mock(SessionRepository.class);

    /** A feed that hears every change while {@link #listening}, as PostgreSQL's would. */
    private static final class HeardChanges extends ChangeFeed {

        volatile boolean listening = true;

        @Override
        public boolean available() {
            return true;
        }

        Subscriber subscriber;

        @Override
        public void start(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public boolean listening() {
            return listening;
        }
    }

    private SessionCache cache(Map<String, String> settings) {
        SessionCache cache = TestSessionCache.of(repository, mock(SessionEvents.class), TestConfig.settings(settings));
        cache.start();
        return cache;
    }

    private SessionCache versionChecked() {
        return cache(Map.of("sessiondb.cache.coherence", "version"));
    }

    private SessionCache announced(HeardChanges feed) {
        SessionCache cache = TestSessionCache.of(
                repository,
                mock(SessionEvents.class),
                TestConfig.settings(Map.of("sessiondb.cache.coherence", "notify")));
        cache.feed = feed;
        cache.start();
        return cache;
    }

    /** Stubbed without calling the mock, which would count as a lookup. */
    private void stored(String id, long version) {
        doReturn(Optional.of(record(version))).when(repository).findById(id);
        doReturn(Map.of(id, version)).when(repository).liveVersions(List.of(id));
    }

    private static SessionData record(long version) {
        return record(version, Map.of());
    }

    private static SessionData record(long version, Map<String, byte[]> attributes) {
        return new SessionData(
                "key",
                NOW - 5_000,
                NOW - 1_000,
                1800,
                null,
                null,
                attributes,
                null,
                0,
                null,
                version,
                NOW + 1_799_000,
                NOW);
    }

    @Test
    void concurrentRequestsOfASessionShareOneObjectLoadedOnce() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        doReturn(Map.of("s1", VERSION)).when(repository).liveVersions(List.of("s1"));
        when(repository.findById("s1")).thenAnswer(invocation -> {
            loads.incrementAndGet();
            loading.await(5, TimeUnit.SECONDS); // every other request arrives while the first loads
            return Optional.of(record(VERSION));
        });
        SessionCache cache = versionChecked();
        List<CompletableFuture<HeldSession>> joins = new ArrayList<>();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<HeldSession> join = new CompletableFuture<>();
            Thread request = new Thread(() -> {
                try {
                    join.complete(cache.join("s1", null, NOW));
                } catch (Throwable e) {
                    join.completeExceptionally(e);
                }
            });
            joins.add(join);
            requests.add(request);
            request.start();
        }
        // the load goes on until every request is in: waiting for it, or (wrongly) loading the session too
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> loads.get() + waitingForTheLoad(requests) == requests.size() && loads.get() > 0);
        loading.countDown();
        List<StoredSession> sessions = new ArrayList<>();
        for (CompletableFuture<HeldSession> join : joins) {
            sessions.add(join.get(5, TimeUnit.SECONDS).session());
        }

        assertThat(sessions).hasSize(8).allSatisfy(session -> assertThat(session)
                .isSameAs(sessions.get(0)));
        verify(repository, times(1)).findById("s1");
    }

    /** How many of the threads wait, inside {@link SessionCache#join}, for a load another request runs. */
    private static int waitingForTheLoad(List<Thread> requests) {
        int waiting = 0;
        for (Thread request : requests) {
            StackTraceElement[] stack = request.getStackTrace();
            boolean inJoin = Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().equals(SessionCache.class.getName())
                            && frame.getMethodName().equals("join"));
            boolean onTheLoad = Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName())
                            && frame.getMethodName().equals("join"));
            if (request.getState() == Thread.State.WAITING && inJoin && onTheLoad) {
                waiting++;
            }
        }
        return waiting;
    }

    @Test
    void aSessionAdoptedWhileAnotherRequestLoadsTheSameIdDoesNotReplaceWhatItLoads() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch loadBegan = new CountDownLatch(1);
        when(repository.findById("s1")).thenAnswer(invocation -> {
            loadBegan.countDown();
            loading.await(5, TimeUnit.SECONDS);
            return Optional.of(record(VERSION));
        });
        SessionCache cache = versionChecked();
        CompletableFuture<HeldSession> loader = CompletableFuture.supplyAsync(() -> cache.join("s1", null, NOW));
        assertThat(loadBegan.await(5, TimeUnit.SECONDS)).isTrue();

        StoredSession other = StoredSession.create(null, cache, "s1", NOW, null);
        HeldSession adopted = cache.adopt(other);
        loading.countDown();
        StoredSession loaded = loader.get(5, TimeUnit.SECONDS).session();
        cache.leave(adopted);

        assertThat(loaded).isNotSameAs(other);
        doReturn(Map.of("s1", VERSION)).when(repository).liveVersions(List.of("s1"));
        assertThat(cache.join("s1", null, NOW).session()).as("still held").isSameAs(loaded);
    }

    @Test
    void aKeptSessionWhoseVersionIsCurrentIsUsedAgainWithoutLoadingIt() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession first = cache.join("s1", null, NOW);
        cache.leave(first);

        HeldSession second = cache.join("s1", null, NOW + 1_000);

        assertThat(second.session()).isSameAs(first.session());
        assertThat(second.session().isNew()).isFalse();
        verify(repository, times(1)).findById("s1");
        verify(repository).liveVersions(List.of("s1"));
    }

    @Test
    void aKeptSessionChangedElsewhereIsLoadedAgain() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession entry = cache.join("s1", null, NOW);
        cache.leave(entry);
        stored("s1", VERSION + 1);

        StoredSession second = cache.join("s1", null, NOW + 1_000).session();

        assertThat(second.row().version()).isEqualTo(VERSION + 1);
        verify(repository, times(2)).findById("s1");
    }

    @Test
    void aKeptSessionThatHasExpiredByThisNodesClockIsAskedForAgain() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        cache.leave(cache.join("s1", null, NOW));
        doReturn(Optional.empty()).when(repository).findById("s1");

        assertThat(cache.join("s1", null, NOW + 1_800_000)).isNull();
        verify(repository, never()).liveVersions(any());
        assertThat(cache.size()).isZero();
    }

    @Test
    void withAnnouncedChangesAKeptSessionCostsNoQueryUntilAnotherNodeChangesIt() {
        stored("s1", VERSION);
        HeardChanges feed = new HeardChanges();
        SessionCache cache = announced(feed);
        HeldSession entry = cache.join("s1", null, NOW);
        StoredSession first = entry.session();
        cache.leave(entry);

        entry = cache.join("s1", null, NOW);
        StoredSession second = entry.session();
        cache.leave(entry);
        feed.subscriber.changed(StorageKeys.of("s1"));
        StoredSession third = cache.join("s1", null, NOW).session();

        assertThat(second).isSameAs(first);
        assertThat(third).isNotSameAs(first);
        verify(repository, times(2)).findById("s1");
        verify(repository, never()).liveVersions(any());
    }

    @Test
    void aSessionChangedElsewhereWhileInUseIsBroughtUpToDateInPlaceKeepingWhatItsRequestsChanged() {
        doReturn(Optional.of(record(VERSION, Map.of("theirs", bytes("old"), "mine", bytes("old")))))
                .when(repository)
                .findById("s1");
        doReturn(Map.of("s1", VERSION)).when(repository).liveVersions(List.of("s1"));
        SessionCache cache = versionChecked();
        HeldSession inProgress = cache.join("s1", null, NOW);
        StoredSession shared = inProgress.session();
        shared.setAttribute("mine", "changed here, not saved yet");
        // another node writes both attributes
        doReturn(Map.of("s1", VERSION + 1)).when(repository).liveVersions(List.of("s1"));
        doReturn(Optional.of(record(VERSION + 1, Map.of("theirs", bytes("new"), "mine", bytes("new")))))
                .when(repository)
                .findById("s1");

        HeldSession joined = cache.join("s1", null, NOW);

        assertThat(joined.session()).isSameAs(shared);
        assertThat(shared.getAttribute("theirs")).isEqualTo("new");
        assertThat(shared.getAttribute("mine")).isEqualTo("changed here, not saved yet");
        assertThat(shared.row().version()).isEqualTo(VERSION + 1);
        assertThat(shared.pendingWrite(NOW, 60_000).updatedAttributes()).containsOnlyKeys("mine");
    }

    @Test
    void aSessionInUseThatIsGoneElsewhereIsGoneForItsRequestsToo() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession inProgress = cache.join("s1", null, NOW);
        doReturn(Map.of()).when(repository).liveVersions(List.of("s1"));
        doReturn(Optional.empty()).when(repository).findById("s1");

        assertThat(cache.join("s1", null, NOW)).isNull();
        assertThat(inProgress.session().isValid()).isFalse();
    }

    private static byte[] bytes(String value) {
        return AttributeCodec.serialize("value", value);
    }

    @Test
    void nothingKeptIsTrustedWhileChangesMayGoUnheard() {
        stored("s1", VERSION);
        HeardChanges feed = new HeardChanges();
        SessionCache cache = announced(feed);
        cache.leave(cache.join("s1", null, NOW));

        // the connection fails: the feed stops listening and says changes may have gone unheard
        feed.listening = false;
        feed.subscriber.missedChanges();
        cache.leave(cache.join("s1", null, NOW)); // loaded afresh
        cache.leave(cache.join("s1", null, NOW)); // loaded while not listening: its version is checked
        feed.listening = true;
        cache.leave(cache.join("s1", null, NOW)); // checked once more, now while listening
        cache.leave(cache.join("s1", null, NOW)); // heard since that check: trusted

        verify(repository, times(2)).findById("s1");
        verify(repository, times(2)).liveVersions(List.of("s1"));
    }

    @Test
    void aSessionGivenANewIdIsHeldUnderItAndNoLongerUnderTheOldOne() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession entry = cache.join("s1", null, NOW);

        StoredSession renamed = cache.detach(entry, entry.session());
        renamed.row().changeId("s2"); // as the store renamed its row
        cache.adopt(renamed);
        doReturn(Map.of("s2", VERSION)).when(repository).liveVersions(List.of("s2"));
        doReturn(Optional.empty()).when(repository).findById("s1");

        assertThat(renamed).as("nobody else used it: no copy").isSameAs(entry.session());
        assertThat(cache.join("s2", null, NOW).session()).isSameAs(renamed);
        assertThat(cache.join("s1", null, NOW)).isNull();
        verify(repository, never()).findById("s2");
    }

    @Test
    void aSessionDetachedWhileOthersUseItLeavesThemTheObjectTheyJoined() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession first = cache.join("s1", null, NOW);
        HeldSession second = cache.join("s1", null, NOW);

        StoredSession detached = cache.detach(second, second.session());

        assertThat(detached).isNotSameAs(first.session());
        assertThat(cache.size()).as("no longer held under the old id").isZero();
    }

    @Test
    void aSecondDetachCountsTheRequestsOfAnEntryTheFirstOneDropped() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession bystander = cache.join("s1", null, NOW);
        HeldSession first = cache.join("s1", null, NOW);
        HeldSession second = cache.join("s1", null, NOW);

        cache.detach(first, first.session());
        StoredSession detached = cache.detach(second, second.session());

        assertThat(detached).as("the bystander still uses the object").isNotSameAs(bystander.session());
    }

    @Test
    void anInvalidatedSessionIsDeletedAndNoLongerHeld() {
        stored("s1", VERSION);
        SessionCache cache = versionChecked();
        HeldSession entry = cache.join("s1", null, NOW);

        entry.session().invalidate();
        cache.leave(entry);

        verify(repository).deleteById("s1");
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedIdleSessionsGoBeyondTheLimit() {
        SessionCache cache = cache(Map.of("sessiondb.cache.max-sessions", "2", "sessiondb.cache.coherence", "version"));
        for (String id : List.of("s1", "s2", "s3", "s4")) {
            stored(id, VERSION);
            cache.leave(cache.join(id, null, NOW));
        }

        assertThat(cache.size()).isEqualTo(2);
        cache.leave(cache.join("s4", null, NOW));
        cache.leave(cache.join("s1", null, NOW));
        verify(repository, times(1)).findById("s4"); // kept
        verify(repository, times(2)).findById("s1"); // dropped, loaded again
    }

    @Test
    void theLeastRecentlyUsedIdleSessionsGoBeyondTheByteBudget() {
        SessionCache cache = cache(Map.of("sessiondb.cache.max-bytes", "150"));
        for (String id : List.of("s1", "s2")) {
            doReturn(Optional.of(record(VERSION, Map.of("value", bytes("x".repeat(100))))))
                    .when(repository)
                    .findById(id);
            doReturn(Map.of(id, VERSION)).when(repository).liveVersions(List.of(id));
            cache.leave(cache.join(id, null, NOW));
        }

        assertThat(cache.size())
                .as("two sessions of 107 bytes each, 150 allowed")
                .isOne();
        cache.leave(cache.join("s2", null, NOW));
        verify(repository, times(1)).findById("s2"); // the more recently used one was kept
    }

    @Test
    void withNoneToKeepEverySessionIsDroppedWhenItsLastRequestEnds() {
        stored("s1", VERSION);
        SessionCache cache = cache(Map.of("sessiondb.cache.max-sessions", "0"));
        HeldSession first = cache.join("s1", null, NOW);
        HeldSession second = cache.join("s1", null, NOW);

        cache.leave(first);
        assertThat(cache.size()).isOne();
        cache.leave(second);

        assertThat(second.session()).isSameAs(first.session());
        assertThat(cache.size()).isZero();
    }

    @Test
    void withTheSessionLockOnNothingIsShared() {
        SessionCache cache = cache(Map.of("sessiondb.session-lock", "true"));

        assertThat(cache.shares()).isFalse();
    }
}
