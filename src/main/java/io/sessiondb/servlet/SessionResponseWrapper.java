package io.sessiondb.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;

/**
 * Runs a hook just before the response can commit: on flush, close, error, redirect, or a write that
 * would fill the container's buffer or reach the declared content length. The session filter saves the
 * session there, so no client sees a response whose session write has not landed.
 */
public final class SessionResponseWrapper extends HttpServletResponseWrapper {

    private final Runnable beforeCommit;
    private long contentLength = -1;
    private long written;
    private ServletOutputStream outputStream;
    private PrintWriter writer;

    public SessionResponseWrapper(HttpServletResponse response, Runnable beforeCommit) {
        super(response);
        this.beforeCommit = beforeCommit;
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
        contentLength = length;
        super.setContentLengthLong(length);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        beforeCommit();
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        beforeCommit();
        super.sendError(status);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        beforeCommit();
        super.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    /** No URL rewriting: the session id travels only in its cookie. */
    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (outputStream == null) {
            outputStream = new CommitGuardedOutputStream(super.getOutputStream(), this);
        }
        return outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            // encode through our stream so the bytes written are counted exactly
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), getCharacterEncoding()), false);
        }
        return writer;
    }

    /** Pushes text held in this wrapper's writer to the container, as the container would for its own. */
    void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    /** Called before {@code length} more bytes go to the container. */
    void beforeWrite(long length) {
        written += length;
        if (written >= getBufferSize() || (contentLength >= 0 && written >= contentLength)) {
            beforeCommit();
        }
    }

    void beforeCommit() {
        if (!isCommitted()) {
            beforeCommit.run();
        }
    }
}
