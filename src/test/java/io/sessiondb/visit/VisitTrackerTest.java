package io.sessiondb.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.sessiondb.config.SessionDbConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class VisitTrackerTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final HttpSession session = mock(HttpSession.class);
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final VisitTracker tracker = new VisitTracker();

    @BeforeEach
    void setUp() {
        tracker.config = mock(SessionDbConfig.class);
        when(tracker.config.visitsEnabled()).thenReturn(true);
        when(request.getServletPath()).thenReturn("/api");
        when(request.getPathInfo()).thenReturn("/session");
        when(request.getSession()).thenReturn(session);
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
    void disabledTrackerNeverTouchesTheSession() {
        when(tracker.config.visitsEnabled()).thenReturn(false);

        tracker.stamp(request, 1_000);

        verifyNoInteractions(request);
        assertThat(tracker.current()).isEmpty();
    }
}
