package io.sessiondb.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/** The request the application sees: every session method answers from the database, never the container. */
public final class SessionRequestWrapper extends HttpServletRequestWrapper {

    private final SessionExchange session;

    public SessionRequestWrapper(HttpServletRequest request, SessionExchange session) {
        super(request);
        this.session = session;
    }

    @Override
    public HttpSession getSession(boolean create) {
        return session.session(create);
    }

    @Override
    public HttpSession getSession() {
        return session.session(true);
    }

    @Override
    public String changeSessionId() {
        return session.changeId();
    }

    @Override
    public String getRequestedSessionId() {
        return session.requestedSessionId().orElse(null);
    }

    @Override
    public boolean isRequestedSessionIdValid() {
        return session.requestedSessionIdValid();
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
        return session.requestedSessionId().isPresent();
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
        return false;
    }
}
