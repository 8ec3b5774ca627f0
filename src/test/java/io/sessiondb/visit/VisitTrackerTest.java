package io.sessiondb.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.sessiondb.config.TestConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.Mockito;

class VisitTrackerTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpSession session = mock(HttpSession.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final VisitTracker tracker = new VisitTracker();

    @BeforeEach
    void setUp() {
        tracker.config = TestConfig.settings();
        when(request.getServletPath()).thenReturn("/api");
        when(request.getPathInfo()).thenReturn("/session");
        when(request.getSession(false)).thenReturn(session);
        when(session.getAttribute(Mockito.anyString())).thenAnswer(call -> attributes.get(call.<String>getArgument(0)));
        Mockito.doAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1)))
                .when(session)
                .setAttribute(Mockito.anyString(), Mockito.any());
    }

    @Test
    void firstVisitSetsStartDateAndLaterVisitsKeepIt() {
        tracker.stamp(request, 1_000);
        tracker.stamp(request, 2_000);
        tracker.stamp(request, 3_000);

        assertThat(attributes)
                .containsEntry("startDate", 1_000L)
                .containsEntry("lastRequestDate", 3_000L)
                .containsEntry("visits", 3L);
        assertThat(tracker.current()).contains(new Visit(1_000, 3_000, 3));
    }

    @Test
    void aSessionThatKeepsItsOwnStampsIsStampedWithoutAttributes() {
        HttpSession stampedSession = mock(HttpSession.class, withSettings().extraInterfaces(VisitStampedSession.class));
        when(request.getSession(false)).thenReturn(stampedSession);
        when(((VisitStampedSession) stampedSession).stampVisit(eq(5_000L), any()))
                .thenReturn(new Visit(1_000, 5_000, 9));

        tracker.stamp(request, 5_000);

        assertThat(tracker.current()).contains(new Visit(1_000, 5_000, 9));
        verify(stampedSession, never()).setAttribute(Mockito.anyString(), Mockito.any());
    }

    @Test
    void aRequestWithoutASessionGetsNoneForItsStampsByDefault() {
        when(request.getSession(false)).thenReturn(null);

        tracker.stamp(request, 1_000);

        verify(request, never()).getSession(true);
        verify(request, never()).getSession();
        assertThat(tracker.current()).isEmpty();
    }

    @Test
    void aRequestWithoutASessionGetsOneForItsStampsWhenCreatingSessionsIsOn() {
        tracker.config = TestConfig.settings(Map.of("sessiondb.visits.create-sessions", "true"));
        when(request.getSession(true)).thenReturn(session);

        tracker.stamp(request, 1_000);

        verify(request).getSession(true);
        assertThat(attributes).containsEntry("startDate", 1_000L).containsEntry("visits", 1L);
    }

    @Test
    void aSessionTheRequestCreatedIsStampedAsTheRequestEndsAndOnlyOnce() {
        when(request.getSession(false)).thenReturn(null, session, session);

        tracker.stamp(request, 1_000);
        tracker.stampCreated(request, 1_000);
        tracker.stampCreated(request, 1_000);

        assertThat(attributes).containsEntry("startDate", 1_000L).containsEntry("visits", 1L);
        assertThat(tracker.current()).contains(new Visit(1_000, 1_000, 1));
    }

    @Test
    void aSessionStampedAsTheRequestBeganIsNotStampedAgainAsItEnds() {
        tracker.stamp(request, 1_000);
        tracker.stampCreated(request, 1_000);

        assertThat(attributes).containsEntry("visits", 1L);
    }

    @Test
    void disabledTrackerNeverTouchesTheSession() {
        tracker.config = TestConfig.settings(Map.of("sessiondb.visits.enabled", "false"));

        tracker.stamp(request, 1_000);

        verifyNoInteractions(request);
        assertThat(tracker.current()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "/health,, true",
        "/health, /ready, true",
        "/metrics, /base, true",
        "/openapi,, true",
        "/healthy,, false",
        "/api, /session, false"
    })
    void excludedPathsMatchWholeSegmentsOfTheDefaultPrefixes(String servletPath, String pathInfo, boolean excluded) {
        when(request.getServletPath()).thenReturn(servletPath);
        when(request.getPathInfo()).thenReturn(pathInfo);

        tracker.stamp(request, 1_000);

        assertThat(tracker.current().isEmpty()).isEqualTo(excluded);
    }
}
