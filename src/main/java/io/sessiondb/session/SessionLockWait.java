package io.sessiondb.session;

import io.sessiondb.SessionLockTimeoutException;
import io.sessiondb.store.LockAttempt;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for a session's lock: tries at once, then again after pauses that double from {@value
 * #FIRST_PAUSE_MS} ms to at most {@value #LONGEST_PAUSE_MS} ms, so a short wait stays short and a long one
 * asks the database at most 20 times a second, until the lock is taken, the session turns out to be
 * gone, or the timeout passes. The waiting request holds its thread, but no database connection.
 */
final class SessionLockWait {

    static final long FIRST_PAUSE_MS = 2;
    static final long LONGEST_PAUSE_MS = 50;

    /** Pauses the calling thread; {@code Thread::sleep} outside of tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    /** Waits on the real clock. */
    static final SessionLockWait REAL_TIME = new SessionLockWait(System::nanoTime, Thread::sleep);

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    SessionLockWait(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * Tries {@code attempt} until it takes the lock or finds no session.
     *
     * @param sessionName how the session is named in the failure's message (a fingerprint, never the id)
     * @return the attempt that took the lock, or found no live session to lock
     * @throws SessionLockTimeoutException when the lock was still held elsewhere after {@code timeoutMs},
     *     or the thread was interrupted while waiting
     */
    LockAttempt acquire(String sessionName, Supplier<LockAttempt> attempt, long timeoutMs) {
        long deadlineNanos = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long pauseMs = FIRST_PAUSE_MS;
        while (true) {
            LockAttempt outcome = attempt.get();
            if (outcome.outcome() != LockAttempt.Outcome.HELD_ELSEWHERE) {
                return outcome;
            }
            long remainingNanos = deadlineNanos - nanoClock.getAsLong();
            if (remainingNanos <= 0) {
                throw new SessionLockTimeoutException("Session " + sessionName
                        + " stayed locked by other requests for the whole lock timeout (" + timeoutMs + " ms)");
            }
            try {
                sleeper.sleep(Math.min(pauseMs, TimeUnit.NANOSECONDS.toMillis(remainingNanos) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionLockTimeoutException(
                        "Interrupted while waiting for the lock of session " + sessionName);
            }
            pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
        }
    }
}
