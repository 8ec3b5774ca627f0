package io.sessiondb.history;

/** How an operation ended, as Jepsen has it. */
enum Outcome {
    /** 2xx: it happened, and its answer says what it saw. */
    OK,
    /** 4xx: known not to have happened. */
    FAIL,
    /**
     * 5xx, a timeout or no answer: it may or may not have happened; without an answer, at any time after it started.
     */
    INFO;

    static Outcome ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        return status >= 400 && status < 500 ? FAIL : INFO;
    }
}
