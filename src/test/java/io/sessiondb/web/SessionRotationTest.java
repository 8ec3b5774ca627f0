package io.sessiondb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.config.TestConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Issue 4, point 3 at the unit level: the settings the in-container tests do not switch. */
class SessionRotationTest {

    private static final String SECRET = "a-secret-of-at-least-32-characters-xx";
    private static final String ID = SessionIds.generate();

    private final SessionRepository repository = mock(SessionRepository.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    /** A request whose signed cookie names a stored session of nobody, with the user "alice" signed in. */
    private RequestSession aliceSigningIn(boolean rotateOnLogin, boolean rolling) {
        Map<String, String> settings = new HashMap<>(
                Map.of("sessiondb.secrets", SECRET, "sessiondb.rotate-on-login", Boolean.toString(rotateOnLogin)));
        if (rolling) {
            settings.put("sessiondb.cookie.rolling", "true");
            settings.put("sessiondb.cookie.max-age", "3600");
        }
        SessionDbConfig config = TestConfig.settings(settings);
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(ID))});
        when(repository.findById(ID))
                .thenReturn(Optional.of(new SessionRecord(
                        "key", 0, 1_000, 1800, null, null, Map.of(), null, 0, null, 0L, Long.MAX_VALUE, 0L)));
        SessionCookies cookies = new SessionCookies();
        cookies.config = config;
        cookies.servletContext = ContextWithoutCookieConfig.create();
        RequestSession session = new RequestSession(
                request, response, TestSessionCache.of(repository, mock(SessionEvents.class), config), cookies, 2_000);
        assertThat(session.session(false)).isNotNull();
        when(request.getUserPrincipal()).thenReturn(() -> "alice");
        return session;
    }

    @Test
    void signingInGivesTheSessionANewIdInOneStatement() {
        RequestSession session = aliceSigningIn(true, false);
        when(repository.changeId(eq(ID), anyString(), eq("alice"))).thenReturn(OptionalLong.of(2));

        session.commit();

        verify(repository).changeId(eq(ID), anyString(), eq("alice"));
        assertThat(session.session(false).getId()).isNotEqualTo(ID);
        verify(response).addCookie(any(Cookie.class));
    }

    @Test
    void withRotateOnLoginOffTheSignedInUserIsRecordedUnderTheSameId() {
        RequestSession session = aliceSigningIn(false, false);

        session.commit();

        ArgumentCaptor<SessionWrite> write = ArgumentCaptor.forClass(SessionWrite.class);
        verify(repository).save(write.capture());
        assertThat(write.getValue().sessionId()).isEqualTo(ID);
        assertThat(write.getValue().metadata().principalName()).isEqualTo("alice");
        verify(repository, never()).changeId(anyString(), anyString(), any());
        verify(response, never()).addCookie(any(Cookie.class));
    }

    @Test
    void rollingRefreshDoesNotBringBackAnIdThatAnotherRequestReplaced() {
        RequestSession session = aliceSigningIn(false, true);
        when(request.getUserPrincipal()).thenReturn(null);
        // a read-only request: nothing to write, but a rolling cookie would be sent again
        when(repository.exists(ID)).thenReturn(false);
        when(repository.rotatedWithin(ID, 5)).thenReturn(true);

        session.commit();
        session.finish();

        verify(response, never()).addCookie(any(Cookie.class));
    }

    @Test
    void rollingRefreshOfALiveSessionSendsTheCookie() {
        RequestSession session = aliceSigningIn(false, true);
        when(request.getUserPrincipal()).thenReturn(null);
        when(repository.exists(ID)).thenReturn(true);

        session.commit();

        verify(response).addCookie(any(Cookie.class));
    }
}
