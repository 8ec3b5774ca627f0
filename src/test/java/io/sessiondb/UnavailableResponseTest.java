package io.sessiondb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.operations.metrics.SessionMetrics;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UnavailableResponseTest {

    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final StringWriter body = new StringWriter();

    private static UnavailableResponse unavailable() {
        UnavailableResponse unavailable = new UnavailableResponse();
        unavailable.metrics = new SessionMetrics();
        return unavailable;
    }

    @Test
    void storeFailureReplacesTheResponseWithA503ToRetryInFiveSeconds() throws IOException {
        when(response.getWriter()).thenReturn(new PrintWriter(body));

        unavailable().send(response, new SessionStoreException("down", null));

        verify(response).reset();
        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "5");
        verify(response).setContentType("application/json");
        verify(response).setCharacterEncoding("UTF-8");
        assertThat(body.toString())
                .isEqualTo("{\"error\":\"session store unavailable\","
                        + "\"message\":\"The session database cannot be reached. Please retry shortly.\"}");
        verify(response).setContentLength(body.toString().length());
    }

    @Test
    void lockTimeoutSaysTheSessionIsBusy() throws IOException {
        when(response.getWriter()).thenReturn(new PrintWriter(body));

        unavailable().send(response, new SessionLockTimeoutException("locked"));

        assertThat(body.toString()).startsWith("{\"error\":\"session busy\"");
    }

    @Test
    void committedResponseIsLeftAsItIs() throws IOException {
        when(response.isCommitted()).thenReturn(true);

        unavailable().send(response, new SessionStoreException("down", null));

        verify(response, never()).reset();
        verify(response, never()).getWriter();
    }
}
