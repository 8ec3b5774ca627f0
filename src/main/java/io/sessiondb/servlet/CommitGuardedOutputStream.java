package io.sessiondb.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** The container's output stream, telling {@link SessionResponseWrapper} before anything could commit. */
final class CommitGuardedOutputStream extends ServletOutputStream {

    private final ServletOutputStream delegate;
    private final SessionResponseWrapper response;

    CommitGuardedOutputStream(ServletOutputStream delegate, SessionResponseWrapper response) {
        this.delegate = delegate;
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        response.beforeWrite(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        response.beforeWrite(length);
        delegate.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        response.beforeCommit();
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        response.beforeCommit();
        delegate.close();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
        delegate.setWriteListener(listener);
    }
}
