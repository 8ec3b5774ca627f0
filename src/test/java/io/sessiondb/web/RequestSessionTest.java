package io.sessiondb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.SessionRepository;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSessionTest {

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
        cookies.config = mock(SessionDbConfig.class);
        when(cookies.config.cookieName()).thenReturn("SESSIONDB");
        when(cookies.config.secrets()).thenReturn(List.of("a-secret-of-at-least-32-characters-xx"));

        RequestSession session = new RequestSession(
                request,
                mock(HttpServletResponse.class),
                repository,
                mock(SessionEvents.class),
                cookies,
                cookies.config,
                0);

        assertThat(session.session(false)).isNull();
        assertThat(session.requestedSessionIdValid()).isFalse();
        verifyNoInteractions(repository);
    }
}
