package io.sessiondb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.config.TestConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.LockAttempt;
import io.sessiondb.store.SessionLockTimeoutException;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionRepository;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

class RequestSessionTest {

    private static final String SECRET = "a-secret-of-at-least-32-characters-xx";
    private static final String ID = SessionIds.generate();
    private static final long LEASE_END_MS = 1_700_000_030_000L;

    private final SessionRepository repository = mock(SessionRepository.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final SessionCookies cookies = new SessionCookies();
    private SessionDbConfig config;

    private void use(SessionDbConfig settings) {
        config = settings;
        cookies.config = settings;
        cookies.servletContext = ContextWithoutCookieConfig.create();
    }

    @BeforeEach
    void signedCookieOfAStoredSession() {
        use(TestConfig.settings(Map.of(
                "sessiondb.secrets", SECRET, "sessiondb.session-lock", "true", "sessiondb.session-lock.timeout", "1")));
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(ID))});
        when(repository.findById(ID))
                .thenReturn(Optional.of(new SessionRecord(
                        "key", 0, 0, 1800, null, null, Map.of(), LEASE_END_MS, 0, null, 0L, Long.MAX_VALUE, 0L)));
    }

    private RequestSession requestSession() {
        return new RequestSession(
                request, response, TestSessionCache.of(repository, mock(SessionEvents.class), config), cookies, 0);
    }

    @Test
    void lockIsTakenBeforeTheSessionIsLoadedAndReleasedWithItsLeaseWhenTheRequestFinishes() {
        when(repository.tryLock(ID, SessionLease.LEASE_MS)).thenReturn(LockAttempt.LOCKED);
        RequestSession session = requestSession();

        assertThat(session.session(false)).isNotNull();
        session.finish();
        session.release();

        InOrder order = inOrder(repository);
        order.verify(repository).tryLock(ID, SessionLease.LEASE_MS);
        order.verify(repository).findById(ID);
        order.verify(repository).unlock(ID, LEASE_END_MS);
        verify(repository, times(1)).unlock(anyString(), anyLong());
    }

    @Test
    void lockIsReleasedUnderTheNewIdAfterAnIdChange() {
        when(repository.tryLock(ID, SessionLease.LEASE_MS)).thenReturn(LockAttempt.LOCKED);
        when(repository.changeId(eq(ID), anyString(), any())).thenReturn(OptionalLong.of(2));
        RequestSession session = requestSession();
        session.session(false);

        String newId = session.changeId();
        session.release();

        verify(repository).unlock(newId, LEASE_END_MS);
    }

    @Test
    void invalidatedSessionHasNoLockLeftToRelease() {
        when(repository.tryLock(ID, SessionLease.LEASE_MS)).thenReturn(LockAttempt.LOCKED);
        RequestSession session = requestSession();

        session.session(false).invalidate();
        session.finish();

        verify(repository).deleteById(ID);
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @Test
    void sessionGoneWhileWaitingIsAnUnknownIdAndIsNotLoaded() {
        when(repository.tryLock(ID, SessionLease.LEASE_MS)).thenReturn(LockAttempt.NO_SESSION);
        RequestSession session = requestSession();

        assertThat(session.session(false)).isNull();
        session.finish();

        verify(repository, never()).findById(anyString());
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @Test
    void sessionThatStaysLockedFailsEveryAccessAndKeepsTheClientsCookie() {
        when(repository.tryLock(ID, SessionLease.LEASE_MS)).thenReturn(LockAttempt.HELD_ELSEWHERE);
        RequestSession session = requestSession();

        assertThatThrownBy(() -> session.session(true)).isInstanceOf(SessionLockTimeoutException.class);
        assertThatThrownBy(() -> session.session(true))
                .as("no fresh session in its place, and no second wait")
                .isInstanceOf(SessionLockTimeoutException.class);
        session.finish();

        verify(repository, never()).findById(anyString());
        verify(repository, never()).unlock(anyString(), anyLong());
        verify(response, never()).addCookie(any());
    }

    @Test
    void withoutTheLockOptionNothingIsLocked() {
        use(TestConfig.settings(Map.of("sessiondb.secrets", SECRET)));
        RequestSession session = requestSession();

        assertThat(session.session(false)).isNotNull();
        session.finish();

        verify(repository).findById(ID);
        verify(repository, never()).tryLock(anyString(), anyLong());
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "' OR '1'='1",
                "x'; DROP TABLE sessiondb_session; --",
                "ünïcødé✓",
                // a well-formed id without, with a forged, and with a truncated signature
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg.abc"
            })
    void malformedOrBadlySignedCookieIsNeverLookedUp(String value) {
        SessionRepository repository = mock(SessionRepository.class);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("SESSIONDB", value)});
        SessionCookies cookies = new SessionCookies();
        cookies.config = TestConfig.settings(Map.of("sessiondb.secrets", SECRET));
        cookies.servletContext = ContextWithoutCookieConfig.create();

        RequestSession session = new RequestSession(
                request,
                mock(HttpServletResponse.class),
                TestSessionCache.of(repository, mock(SessionEvents.class), cookies.config),
                cookies,
                0);

        assertThat(session.session(false)).isNull();
        assertThat(session.requestedSessionIdValid()).isFalse();
        verifyNoInteractions(repository);
    }
}
