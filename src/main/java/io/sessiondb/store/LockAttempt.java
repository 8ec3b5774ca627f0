package io.sessiondb.store;

/**
 * The outcome of one {@link SessionRepository#tryLock attempt} to take a session's lock.
 *
 * @param outcome what happened
 * @param lockedUntilMs when taken, the end of the lease by the database's clock: the token that releases it
 */
public record LockAttempt(Outcome outcome, long lockedUntilMs) {

    /** What an attempt found. */
    public enum Outcome {
        /** This request holds the lock now. */
        LOCKED,
        /** Another request holds it; try again later. */
        HELD_ELSEWHERE,
        /** There is no live session of that id: nothing to lock. */
        NO_SESSION
    }

    /** Another request holds the lock. */
    public static final LockAttempt HELD_ELSEWHERE = new LockAttempt(Outcome.HELD_ELSEWHERE, 0);

    /** There is no live session to lock. */
    public static final LockAttempt NO_SESSION = new LockAttempt(Outcome.NO_SESSION, 0);

    /** The lock was taken, its lease ending at {@code lockedUntilMs}. */
    public static LockAttempt locked(long lockedUntilMs) {
        return new LockAttempt(Outcome.LOCKED, lockedUntilMs);
    }

    public boolean isLocked() {
        return outcome == Outcome.LOCKED;
    }
}
