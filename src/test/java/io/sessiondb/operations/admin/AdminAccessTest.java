package io.sessiondb.operations.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sessiondb.config.TestConfig;
import io.sessiondb.operations.admin.AdminAccess.Verdict;
import io.sessiondb.testing.AdminCredentials;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminAccessTest {

    private static final AdminCredentials ADMIN = new AdminCredentials("ops", "the admin's password");

    private final AdminAccess access = new AdminAccess();
    private long nowMs = 1_000_000;

    @BeforeEach
    void configure() {
        access.config = TestConfig.settings(ADMIN.settings(ADMIN.cheapPasswordHash()));
        access.clock = () -> nowMs;
        access.readCredentials();
    }

    @Test
    void theConfiguredCredentialsGetInAndNoOthers() {
        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
        assertThat(check("10.0.0.2", ADMIN.withPassword("wrong").authorization()))
                .isEqualTo(Verdict.UNAUTHENTICATED);
        assertThat(check("10.0.0.3", new AdminCredentials("admin", ADMIN.password()).authorization()))
                .isEqualTo(Verdict.UNAUTHENTICATED);
        assertThat(check("10.0.0.4", "Basic !!!")).isEqualTo(Verdict.UNAUTHENTICATED);
        assertThat(check("10.0.0.5", null)).isEqualTo(Verdict.UNAUTHENTICATED);
    }

    @Test
    void rememberedCredentialsAreCheckedAgainAfterAMinute() {
        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
        access.hash = access.hash.decoy(); // the password changed: only a new check can tell

        nowMs += 59_000;
        assertThat(check("10.0.0.1", ADMIN.authorization())).as("remembered").isEqualTo(Verdict.ALLOWED);
        nowMs += 1_000;
        assertThat(check("10.0.0.1", ADMIN.authorization())).as("checked again").isEqualTo(Verdict.UNAUTHENTICATED);
    }

    @Test
    void anyFailureForgetsEveryRememberedCredential() {
        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
        access.hash = access.hash.decoy();

        assertThat(check("192.0.2.9", ADMIN.withPassword("guess").authorization()))
                .isEqualTo(Verdict.UNAUTHENTICATED);

        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.UNAUTHENTICATED);
    }

    @Test
    void aClientWithTooManyFailuresIsThrottledEvenWithTheRightPassword() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            assertThat(check("192.0.2.9", ADMIN.withPassword("guess-" + i).authorization()))
                    .isEqualTo(Verdict.UNAUTHENTICATED);
        }

        AdminAccess.Decision throttled = access.check(request("192.0.2.9", ADMIN.authorization()));

        assertThat(throttled.verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(throttled.retryAfterSeconds()).isEqualTo(60);
        assertThat(check("10.0.0.1", ADMIN.authorization()))
                .as("another client")
                .isEqualTo(Verdict.ALLOWED);
        nowMs += SignInThrottle.WINDOW_MS;
        assertThat(check("192.0.2.9", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aUserTheApplicationGaveTheRoleGetsInWithoutCredentials() {
        HttpServletRequest request = request("10.0.0.1", null);
        when(request.isUserInRole(AdminAccess.ROLE)).thenReturn(true);

        assertThat(access.check(request).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    private Verdict check(String address, String authorization) {
        return access.check(request(address, authorization)).verdict();
    }

    private static HttpServletRequest request(String address, String authorization) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(address);
        when(request.getHeader("Authorization")).thenReturn(authorization);
        return request;
    }
}
