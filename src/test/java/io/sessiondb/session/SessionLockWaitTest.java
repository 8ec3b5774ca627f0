package io.sessiondb.session;

import static io.sessiondb.store.LockAttempt.HELD_ELSEWHERE;
import static io.sessiondb.store.LockAttempt.NO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiondb.SessionLockTimeoutException;
import io.sessiondb.store.LockAttempt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLockWaitTest {

    private static final LockAttempt LOCKED = LockAttempt.locked(1_700_000_030_000L);

    /** A clock that moves only when the wait sleeps, so every pause is recorded exactly. */
    private long nowNanos;

    private final List<Long> pausesMs = new ArrayList<>();
    private final SessionLockWait wait = new SessionLockWait(() -> nowNanos, ms -> {
        pausesMs.add(ms);
        nowNanos += TimeUnit.MILLISECONDS.toNanos(ms);
    });

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void freeLockIsTakenAtOnceWithoutPausing() {
        assertThat(wait.acquire("s", attempts(LOCKED), 10_000)).isEqualTo(LOCKED);
        assertThat(pausesMs).isEmpty();
    }

    @Test
    void missingSessionEndsTheWaitWithoutTheLock() {
        assertThat(wait.acquire("s", attempts(HELD_ELSEWHERE, HELD_ELSEWHERE, NO_SESSION), 10_000))
                .isEqualTo(NO_SESSION);
        assertThat(pausesMs).containsExactly(2L, 4L);
    }

    @Test
    void pausesDoubleFromTwoMillisecondsUpToFiftyUntilTheLockIsTaken() {
        Supplier<LockAttempt> heldNineTimes = attempts(
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                HELD_ELSEWHERE,
                LOCKED);

        assertThat(wait.acquire("s", heldNineTimes, 10_000)).isEqualTo(LOCKED);
        assertThat(pausesMs).containsExactly(2L, 4L, 8L, 16L, 32L, 50L, 50L, 50L, 50L);
    }

    @Test
    void lockHeldForTheWholeTimeoutFailsNamingTheSessionAfterWaitingNoLonger() {
        assertThatThrownBy(() -> wait.acquire("Ab3dE7x_", () -> HELD_ELSEWHERE, 1_000))
                .isInstanceOf(SessionLockTimeoutException.class)
                .hasMessageContaining("Ab3dE7x_")
                .hasMessageContaining("1000 ms");
        long waitedMs = pausesMs.stream().mapToLong(Long::longValue).sum();
        assertThat(waitedMs).isBetween(1_000L, 1_001L);
        assertThat(pausesMs).allMatch(ms -> ms <= SessionLockWait.LONGEST_PAUSE_MS);
    }

    @Test
    void interruptedWaitFailsAndKeepsTheInterrupt() {
        SessionLockWait interrupted = new SessionLockWait(System::nanoTime, ms -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> interrupted.acquire("s", () -> HELD_ELSEWHERE, 10_000))
                .isInstanceOf(SessionLockTimeoutException.class)
                .hasMessageContaining("Interrupted");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    private static Supplier<LockAttempt> attempts(LockAttempt... outcomes) {
        Deque<LockAttempt> remaining = new ArrayDeque<>(List.of(outcomes));
        return remaining::pop;
    }
}
