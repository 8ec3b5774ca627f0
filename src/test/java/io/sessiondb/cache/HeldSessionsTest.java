package io.sessiondb.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeldSessionsTest {

    private final HeldSessions held = new HeldSessions();

    /** An entry no request uses, last used at {@code lastUsedNanos}, held under {@code key}. */
    private HeldSession idle(String key, long lastUsedNanos) {
        HeldSession entry = HeldSession.loading(key);
        entry.users = 0;
        entry.lastUsedNanos = lastUsedNanos;
        assertThat(held.add(entry)).as("nothing held under " + key + " yet").isNull();
        return entry;
    }

    @Test
    void anEntryAddedUnderAFreeKeyIsHeldThere() {
        HeldSession entry = HeldSession.loading("k1");

        assertThat(held.add(entry)).isNull();

        assertThat(held.get("k1")).isSameAs(entry);
        assertThat(held.size()).isOne();
        assertThat(entry.removed).isFalse();
    }

    @Test
    void anEntryAddedWhereAConcurrentJoinHoldsOneDoesNotReplaceItAndIsNotHeld() {
        HeldSession joined = HeldSession.loading("k1");
        held.add(joined);
        HeldSession adopted = HeldSession.loading("k1");

        HeldSession winner = held.add(adopted);

        assertThat(winner).isSameAs(joined);
        assertThat(held.get("k1")).isSameAs(joined);
        assertThat(joined.removed).isFalse();
        assertThat(adopted.removed).as("a request that finds it looks again").isTrue();
        assertThat(held.size()).isOne();
    }

    @Test
    void droppingAnEntryThatLostItsKeyLeavesTheWinnerHeld() {
        HeldSession joined = HeldSession.loading("k1");
        held.add(joined);
        HeldSession adopted = HeldSession.loading("k1");
        held.add(adopted);

        held.drop(adopted);

        assertThat(held.get("k1")).isSameAs(joined);
        assertThat(joined.removed).isFalse();
    }

    @Test
    void aDroppedEntryIsNoLongerHeldAndMarkedSoItsFindersLookAgain() {
        HeldSession entry = idle("k1", 1);

        held.drop(entry);

        assertThat(held.get("k1")).isNull();
        assertThat(held.size()).isZero();
        assertThat(entry.removed).isTrue();
        assertThat(entry.bytes).isZero();
    }

    @Test
    void aDroppedEntryNoLongerCountsInTheByteBudget() {
        HeldSession first = idle("k1", 1);
        HeldSession second = idle("k2", 2);
        held.resized(first, 100);
        held.resized(second, 100);

        held.drop(first);
        held.trim(10, 150);

        assertThat(held.get("k2")).as("100 bytes held, 150 allowed").isSameAs(second);
    }

    @Test
    void aResizedEntryCountsAtItsNewSizeOnly() {
        HeldSession first = idle("k1", 1);
        HeldSession second = idle("k2", 2);
        held.resized(first, 100);
        held.resized(second, 100);

        held.resized(first, 40);
        held.trim(10, 150);

        assertThat(held.size()).as("140 bytes held, 150 allowed").isEqualTo(2);
        assertThat(first.bytes).isEqualTo(40);
    }

    @Test
    void aChangeAnnouncedElsewhereMakesOnlyThatEntryStale() {
        HeldSession changed = idle("k1", 1);
        HeldSession other = idle("k2", 2);

        held.changed("k1");
        held.changed("not held");

        assertThat(changed.stale).isTrue();
        assertThat(other.stale).isFalse();
        assertThat(held.size())
                .as("stale entries stay held until a request finds them")
                .isEqualTo(2);
    }

    @Test
    void missedChangesMakeEveryEntryStale() {
        HeldSession first = idle("k1", 1);
        HeldSession second = idle("k2", 2);

        held.missedChanges();

        assertThat(first.stale).isTrue();
        assertThat(second.stale).isTrue();
    }

    @Test
    void theCountMayExceedItsLimitByATenthBeforeAnythingIsDropped() {
        for (int i = 0; i < 11; i++) {
            idle("k" + i, i);
        }

        held.trim(10, Long.MAX_VALUE);

        assertThat(held.size()).isEqualTo(11);
    }

    @Test
    void pastATenthOverTheCountTheLeastRecentlyUsedGoDownToTheLimit() {
        for (int i = 0; i < 12; i++) {
            idle("k" + i, 100 - i); // k11 is the least recently used, k0 the most
        }

        held.trim(10, Long.MAX_VALUE);

        assertThat(held.size()).isEqualTo(10);
        assertThat(held.get("k11")).isNull();
        assertThat(held.get("k10")).isNull();
        assertThat(held.get("k9")).isNotNull();
        assertThat(held.get("k0")).isNotNull();
    }

    @Test
    void overTheByteBudgetTheLeastRecentlyUsedGoUntilTheRestFits() {
        HeldSession oldest = idle("k1", 1);
        HeldSession middle = idle("k2", 2);
        HeldSession newest = idle("k3", 3);
        held.resized(oldest, 60);
        held.resized(middle, 60);
        held.resized(newest, 60);

        held.trim(10, 150); // no slack for bytes: 180 is over

        assertThat(held.get("k1")).isNull();
        assertThat(oldest.removed).isTrue();
        assertThat(held.get("k2")).isSameAs(middle);
        assertThat(held.get("k3")).isSameAs(newest);
    }

    @Test
    void anEntryARequestUsesIsNeverDroppedToMakeRoom() {
        HeldSession inUse = idle("k1", 1);
        inUse.users = 1;
        HeldSession idle = idle("k2", 2);
        held.resized(inUse, 100);
        held.resized(idle, 100);

        held.trim(10, 50);

        assertThat(held.get("k1")).isSameAs(inUse);
        assertThat(inUse.removed).isFalse();
        assertThat(held.get("k2")).as("idle, though more recently used").isNull();
    }

    @Test
    void anEntryARequestJoinsWhileTrimmingWaitsForItsLockIsKept() throws Exception {
        HeldSession oldest = idle("k1", 1);
        HeldSession next = idle("k2", 2);
        idle("k3", 3);
        CompletableFuture<Void> trimming;
        synchronized (oldest) {
            // the trim chose the oldest while nobody used it, and waits for its lock
            trimming = trimToOneBlocked();
            oldest.users++; // a request joins it, as SessionCache.join does under the entry's lock
        }
        trimming.get(10, TimeUnit.SECONDS);

        assertThat(held.get("k1")).isSameAs(oldest);
        assertThat(oldest.removed).isFalse();
        assertThat(held.get("k2")).as("dropped in its place").isNull();
        assertThat(next.removed).isTrue();
    }

    @Test
    void oneThreadTrimsAtATime() throws Exception {
        HeldSession oldest = idle("k1", 1);
        idle("k2", 2);
        idle("k3", 3);
        CompletableFuture<Void> trimming;
        synchronized (oldest) {
            trimming = trimToOneBlocked();

            held.trim(1, Long.MAX_VALUE); // meanwhile, on a thread that could take every entry's lock

            assertThat(held.size()).as("left to the trim in progress").isEqualTo(3);
        }
        trimming.get(10, TimeUnit.SECONDS);

        assertThat(held.size()).isOne();
        assertThat(held.get("k3")).isNotNull();
    }

    /**
     * Starts a trim down to one entry on another thread and returns once it waits for an entry's lock, which the
     * caller holds.
     */
    private CompletableFuture<Void> trimToOneBlocked() {
        AtomicReference<Thread> trimmer = new AtomicReference<>();
        CompletableFuture<Void> trimming = CompletableFuture.runAsync(() -> {
            trimmer.set(Thread.currentThread());
            held.trim(1, Long.MAX_VALUE);
        });
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> trimmer.get() != null && trimmer.get().getState() == Thread.State.BLOCKED);
        return trimming;
    }
}
