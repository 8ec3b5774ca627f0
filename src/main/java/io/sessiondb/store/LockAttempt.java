package io.sessiondb.store;

/** The outcome of one {@link SessionRepository#tryLock attempt} to take a session's lock. */
public enum LockAttempt {
    /** This request holds the lock now. */
    LOCKED,
    /** Another request holds it; try again later. */
    HELD_ELSEWHERE,
    /** There is no live session of that id: nothing to lock. */
    NO_SESSION
}
