package io.sessiondb.operations.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final SignInThrottle throttle = new SignInThrottle();

    @Test
    void aClientWithTooManyFailuresWaitsUntilItsWindowEnds() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT - 1; i++) {
            throttle.failed("a", 1_000 + i);
        }
        assertThat(throttle.retryAfterSeconds("a", 2_000)).isZero();

        throttle.failed("a", 2_000);

        assertThat(throttle.retryAfterSeconds("a", 2_000)).isEqualTo(59);
        assertThat(throttle.retryAfterSeconds("a", 60_500)).isEqualTo(1);
        assertThat(throttle.retryAfterSeconds("b", 2_000)).as("another client").isZero();
        assertThat(throttle.retryAfterSeconds("a", 61_000)).as("a new window").isZero();
    }

    @Test
    void failuresOfManyClientsThrottleEveryClient() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            throttle.failed("client-" + i, 5_000);
        }

        assertThat(throttle.retryAfterSeconds("someone-new", 5_000)).isEqualTo(60);
        assertThat(throttle.retryAfterSeconds("someone-new", 5_000 + SignInThrottle.WINDOW_MS))
                .isZero();
    }

    @Test
    void aSuccessForgetsTheClientsFailures() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT - 1; i++) {
            throttle.failed("a", 0);
        }
        throttle.succeeded("a");
        throttle.failed("a", 0);

        assertThat(throttle.retryAfterSeconds("a", 0)).isZero();
    }

    @Test
    void rememberingManyClientsStaysBounded() {
        for (int i = 0; i <= SignInThrottle.MAX_CLIENTS; i++) {
            throttle.failed("client-" + i, i * SignInThrottle.WINDOW_MS);
        }
        long nowMs = (SignInThrottle.MAX_CLIENTS + 1) * SignInThrottle.WINDOW_MS;
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            throttle.failed("last", nowMs);
        }

        assertThat(throttle.clientsRemembered()).isLessThanOrEqualTo(SignInThrottle.MAX_CLIENTS);
        assertThat(throttle.retryAfterSeconds("last", nowMs)).isEqualTo(60);
    }
}
