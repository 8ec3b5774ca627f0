package io.sessiondb.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionResponseWrapperTest {

    private final HttpServletResponse container = mock(HttpServletResponse.class);
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final AtomicInteger saves = new AtomicInteger();
    private SessionResponseWrapper response;

    @BeforeEach
    void setUp() throws IOException {
        when(container.getBufferSize()).thenReturn(100);
        when(container.getCharacterEncoding()).thenReturn("UTF-8");
        when(container.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                sent.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
        });
        response = new SessionResponseWrapper(container, saves::incrementAndGet);
    }

    @Test
    void smallWriteDoesNotSave() throws IOException {
        response.getOutputStream().write(new byte[10]);

        assertThat(saves).hasValue(0);
    }

    @Test
    void writeThatFillsTheBufferSavesFirst() throws IOException {
        response.getOutputStream().write(new byte[60]);
        response.getOutputStream().write(new byte[60]);

        assertThat(saves).hasValue(1);
        assertThat(sent.size()).isEqualTo(120);
    }

    @Test
    void writeReachingTheContentLengthSavesFirst() throws IOException {
        response.setContentLength(5);

        response.getOutputStream().write(new byte[5]);

        assertThat(saves).hasValue(1);
    }

    @Test
    void flushCloseErrorAndRedirectSave() throws IOException {
        response.flushBuffer();
        response.getOutputStream().flush();
        response.getOutputStream().close();
        response.sendError(404);
        response.sendError(500, "x");
        response.sendRedirect("/elsewhere");

        assertThat(saves).hasValue(6);
    }

    @Test
    void writerTextReachesTheContainerOnlyThroughTheGuard() throws IOException {
        response.getWriter().print("héllo");
        assertThat(saves).hasValue(0);

        response.flushWriter();

        assertThat(saves).hasValue(1);
        assertThat(sent.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("héllo");
    }

    @Test
    void committedResponseIsNotSavedAgain() throws IOException {
        when(container.isCommitted()).thenReturn(true);

        response.flushBuffer();

        assertThat(saves).hasValue(0);
    }

    @Test
    void urlsAreNeverRewrittenWithASessionId() {
        assertThat(response.encodeURL("/cart")).isEqualTo("/cart");
        assertThat(response.encodeRedirectURL("/cart")).isEqualTo("/cart");
    }
}
