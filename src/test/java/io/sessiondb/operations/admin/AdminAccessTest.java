package io.sessiondb.operations.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.sessiondb.config.PasswordHash;
import io.sessiondb.config.TestConfig;
import io.sessiondb.operations.admin.AdminAccess.Verdict;
import io.sessiondb.testing.AdminCredentials;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
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

    /** What makes an unknown user name cost what a wrong password costs (the decoy's cost: PasswordHashTest). */
    @Test
    void anUnknownUsersPasswordIsCheckedAgainstTheDecoyAndAWrongPasswordAgainstTheHash() {
        PasswordHash realHash = spy(access.hash);
        PasswordHash decoy = spy(access.decoy);
        access.hash = realHash;
        access.decoy = decoy;

        assertThat(check("10.0.0.1", new AdminCredentials("nobody", "guess").authorization()))
                .isEqualTo(Verdict.UNAUTHENTICATED);
        verify(decoy).matches("guess".toCharArray());
        verifyNoInteractions(realHash);

        assertThat(check("10.0.0.2", ADMIN.withPassword("wrong").authorization()))
                .isEqualTo(Verdict.UNAUTHENTICATED);
        verify(realHash).matches("wrong".toCharArray());
        verifyNoMoreInteractions(decoy);
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

    @Test
    void withNoAdminConfiguredNoCredentialsGetInButTheRoleStillDoes() {
        AdminAccess unconfigured = new AdminAccess();
        unconfigured.config = TestConfig.settings(Map.of());
        unconfigured.clock = () -> nowMs;
        unconfigured.readCredentials();
        HttpServletRequest withRole = request("10.0.0.2", null);
        when(withRole.isUserInRole(AdminAccess.ROLE)).thenReturn(true);

        assertThat(unconfigured
                        .check(request("10.0.0.1", ADMIN.authorization()))
                        .verdict())
                .isEqualTo(Verdict.UNAUTHENTICATED);
        assertThat(unconfigured.check(withRole).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void theBasicSchemeIsRecognizedWhateverItsCase() {
        String credentials = ADMIN.authorization().substring("Basic ".length());

        assertThat(check("10.0.0.1", "basic " + credentials)).isEqualTo(Verdict.ALLOWED);
        assertThat(check("10.0.0.2", "BASIC " + credentials)).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void requestsWithoutBasicCredentialsAreNotCountedAsFailedSignIns() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            assertThat(check("192.0.2.9", null)).isEqualTo(Verdict.UNAUTHENTICATED);
            assertThat(check("192.0.2.9", "Bearer " + i)).isEqualTo(Verdict.UNAUTHENTICATED);
        }

        assertThat(check("192.0.2.9", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void malformedBasicCredentialsAreRefusedAndCountedAsFailures() {
        String noColon = "Basic " + Base64.getEncoder().encodeToString("ops".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
            assertThat(check("192.0.2.9", i % 2 == 0 ? noColon : "Basic !!!")).isEqualTo(Verdict.UNAUTHENTICATED);
        }

        assertThat(check("192.0.2.9", ADMIN.authorization())).isEqualTo(Verdict.THROTTLED);
    }

    @Test
    void aSuccessfulSignInForgetsTheClientsEarlierFailures() {
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i < SignInThrottle.MAX_FAILURES_PER_CLIENT; i++) {
                assertThat(check("192.0.2.9", ADMIN.withPassword("guess-" + i).authorization()))
                        .as("round %d, failure %d", round, i)
                        .isEqualTo(Verdict.UNAUTHENTICATED);
            }
            assertThat(check("192.0.2.9", ADMIN.authorization()))
                    .as("round %d", round)
                    .isEqualTo(Verdict.ALLOWED);
        }
    }

    @Test
    void atMostSixteenAcceptedCredentialsAreRemembered() {
        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED);
        // the same credentials, spelled differently: each one is remembered apart
        for (int i = 1; i <= 16; i++) {
            assertThat(check("10.0.0.1", ADMIN.authorization() + " ".repeat(i))).isEqualTo(Verdict.ALLOWED);
        }
        access.hash = access.hash.decoy(); // the password changed: only a new check can tell

        assertThat(check("10.0.0.1", ADMIN.authorization() + " ".repeat(16)))
                .as("the latest, remembered")
                .isEqualTo(Verdict.ALLOWED);
        assertThat(check("10.0.0.1", ADMIN.authorization()))
                .as("the first, forgotten to make room")
                .isEqualTo(Verdict.UNAUTHENTICATED);
    }

    @Test
    void credentialsRememberedTooLongAgoMakeRoomBeforeAnyOtherIsForgotten() {
        for (int i = 1; i <= 15; i++) {
            assertThat(check("10.0.0.1", ADMIN.authorization() + " ".repeat(i))).isEqualTo(Verdict.ALLOWED);
        }
        nowMs += AdminAccess.REMEMBERED_FOR_MS / 2;
        assertThat(check("10.0.0.1", ADMIN.authorization())).isEqualTo(Verdict.ALLOWED); // the 16th
        nowMs += AdminAccess.REMEMBERED_FOR_MS / 2; // the first 15 are due to be forgotten

        assertThat(check("10.0.0.1", ADMIN.authorization() + " ".repeat(16))).isEqualTo(Verdict.ALLOWED);
        access.hash = access.hash.decoy();

        assertThat(check("10.0.0.1", ADMIN.authorization()))
                .as("still remembered: only the expired ones went")
                .isEqualTo(Verdict.ALLOWED);
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
