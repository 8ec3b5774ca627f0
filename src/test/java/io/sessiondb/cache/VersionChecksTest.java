package io.sessiondb.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sessiondb.SessionStoreException;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.store.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Version checks shared by the requests that ask at the same time: an answer always comes from a read that
 * began after the request asked, however many share it.
 */
class VersionChecksTest {

    /** Reads answer every id with the number of the read; the first read waits until released. */
    private static final class CountingReads implements Function<List<String>, Map<String, Long>> {

        final List<List<String>> reads = new CopyOnWriteArrayList<>();
        final CountDownLatch firstReading = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        @Override
        public Map<String, Long> apply(List<String> ids) {
            reads.add(ids);
            long number = reads.size();
            if (number == 1) {
                firstReading.countDown();
                released(releaseFirst);
            }
            return ids.stream().collect(Collectors.toMap(id -> id, id -> number));
        }
    }

    private static void released(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<OptionalLong> ask(VersionChecks checks, String id) {
        return CompletableFuture.supplyAsync(() -> checks.liveVersion(id), runnable -> new Thread(runnable).start());
    }

    /** Version checks whose first read, for one session, is running and waits to be released. */
    private record ReadRunning(CountingReads reads, VersionChecks checks, CompletableFuture<OptionalLong> first) {}

    private static ReadRunning aReadRunningFor(String id) {
        CountingReads reads = new CountingReads();
        VersionChecks checks = new VersionChecks(reads);
        CompletableFuture<OptionalLong> first = ask(checks, id);
        released(reads.firstReading);
        return new ReadRunning(reads, checks, first);
    }

    @Test
    void aReadThatBeganBeforeARequestAskedNeverAnswersIt() throws Exception {
        ReadRunning running = aReadRunningFor("s1");

        CompletableFuture<OptionalLong> later = ask(running.checks(), "s1");
        await().during(200, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> !later.isDone());
        running.reads().releaseFirst.countDown();

        assertThat(running.first().get(10, TimeUnit.SECONDS)).hasValue(1);
        assertThat(later.get(10, TimeUnit.SECONDS)).as("from the second read").hasValue(2);
        assertThat(running.reads().reads).containsExactly(List.of("s1"), List.of("s1"));
    }

    @Test
    void requestsThatAskWhileAReadRunsShareTheNextRead() throws Exception {
        ReadRunning running = aReadRunningFor("s0");

        List<CompletableFuture<OptionalLong>> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(ask(running.checks(), "s" + (i % 4)));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> running.checks().waitingCount() == 12);
        running.reads().releaseFirst.countDown();

        assertThat(running.first().get(10, TimeUnit.SECONDS)).hasValue(1);
        for (CompletableFuture<OptionalLong> answer : waiting) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).hasValue(2);
        }
        assertThat(running.reads().reads).hasSize(2);
        assertThat(running.reads().reads.get(1))
                .as("each session once")
                .containsExactlyInAnyOrder("s0", "s1", "s2", "s3");
    }

    @Test
    void oneReadAsksForAtMostTheLimitAndEveryRequestIsAnswered() throws Exception {
        ReadRunning running = aReadRunningFor("first");
        int asking = SessionRepository.MOST_VERSIONS_AT_ONCE * 2 + 5;
        List<CompletableFuture<OptionalLong>> waiting = IntStream.range(0, asking)
                .mapToObj(i -> ask(running.checks(), "s" + i))
                .toList();
        await().atMost(10, TimeUnit.SECONDS).until(() -> running.checks().waitingCount() == asking);
        running.reads().releaseFirst.countDown();

        running.first().get(10, TimeUnit.SECONDS);
        for (CompletableFuture<OptionalLong> answer : waiting) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isPresent();
        }
        assertThat(running.reads().reads).hasSize(1 + 3);
        assertThat(running.reads().reads).allSatisfy(read -> assertThat(read.size())
                .isLessThanOrEqualTo(SessionRepository.MOST_VERSIONS_AT_ONCE));
    }

    @Test
    void aFailedReadFailsTheRequestsItWasForAndTheNextRequestReadsAgain() {
        AtomicInteger calls = new AtomicInteger();
        VersionChecks checks = new VersionChecks(ids -> {
            if (calls.incrementAndGet() == 1) {
                throw new SessionStoreException("the database went away");
            }
            return Map.of("s1", 5L);
        });

        assertThatThrownBy(() -> checks.liveVersion("s1"))
                .isInstanceOf(SessionStoreException.class)
                .hasRootCauseMessage("the database went away");
        assertThat(checks.liveVersion("s1")).hasValue(5);
        assertThat(checks.liveVersion("s2")).as("no live session").isEmpty();
    }

    @Test
    void aFailedReadFailsEveryRequestWaitingAsTheStoreFailingWithoutReadingAgain() throws Exception {
        CountDownLatch firstReading = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        VersionChecks checks = new VersionChecks(ids -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                firstReading.countDown();
                released(releaseFirst);
            } else if (call == 2) {
                throw new SessionStoreException("the database went away");
            }
            return ids.stream().collect(Collectors.toMap(id -> id, id -> (long) call));
        });
        CompletableFuture<OptionalLong> first = ask(checks, "s0");
        released(firstReading);
        // more than one read's worth: the first batch's read fails, and the rest must not wait for another
        int asking = SessionRepository.MOST_VERSIONS_AT_ONCE + 3;
        List<CompletableFuture<OptionalLong>> waiting = IntStream.range(0, asking)
                .mapToObj(i -> ask(checks, "s" + (i + 1)))
                .toList();
        await().atMost(10, TimeUnit.SECONDS).until(() -> checks.waitingCount() == asking);
        releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).hasValue(1);
        for (CompletableFuture<OptionalLong> failed : waiting) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(SessionStoreException.class)
                    .hasRootCauseMessage("the database went away");
        }
        assertThat(calls).as("the first read and the failed one").hasValue(2);
        assertThat(checks.liveVersion("s1")).as("the next request reads again").hasValue(3);
    }

    @Test
    void theVersionsAreTheLiveRowsOfARealDatabase() {
        TestStore store = TestStore.h2();
        String stored = SessionIds.generate();
        String other = SessionIds.generate();
        String expired = SessionIds.generate();
        store.insert(stored, 1800, Map.of("a", "1"));
        store.insert(other, 1800, Map.of());
        store.insert(expired, 1800, Map.of());
        store.update("UPDATE sessiondb_session SET expires_at_ms = 1 WHERE id = ?", StorageKeys.of(expired));

        Map<String, Long> versions =
                store.repository().liveVersions(List.of(stored, other, expired, SessionIds.generate()));

        assertThat(versions)
                .containsOnlyKeys(stored, other)
                .containsEntry(stored, ((Number) store.sessionColumn(stored, "version")).longValue())
                .containsEntry(other, ((Number) store.sessionColumn(other, "version")).longValue());
    }
}
