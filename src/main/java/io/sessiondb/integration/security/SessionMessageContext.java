package io.sessiondb.integration.security;

import io.sessiondb.servlet.SessionExchange;
import io.sessiondb.servlet.SessionRequestWrapper;
import io.sessiondb.servlet.SessionResponseWrapper;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The {@link HttpMessageContext} an authentication mechanism gets through {@link SignInSessionInterceptor}:
 * the container's, except that its request and response are SessionDB's. What the mechanism and Soteria's
 * interceptors keep in the session on the way, such as the request {@code @LoginToContinue} saves before
 * it sends the caller to the login page, goes to the database session, and is saved with its cookie set
 * before a redirect, a forward or an error commits the response: the container runs no filter for such a
 * response.
 */
final class SessionMessageContext extends HttpMessageContextWrapper {

    private final SessionExchange session;
    private HttpServletRequest request;
    private HttpServletResponse response;

    SessionMessageContext(HttpMessageContext context, SessionExchange session) {
        super(context);
        this.session = session;
        this.request = new SessionRequestWrapper(context.getRequest(), session);
        this.response = new SessionResponseWrapper(context.getResponse(), session::commit);
    }

    @Override
    public HttpServletRequest getRequest() {
        return request;
    }

    /** The container serves the rest of the request with this one (a request {@code @LoginToContinue} restored). */
    @Override
    public void setRequest(HttpServletRequest request) {
        this.request = request;
        super.setRequest(request);
    }

    @Override
    public HttpMessageContext withRequest(HttpServletRequest request) {
        setRequest(request);
        return this;
    }

    @Override
    public HttpServletResponse getResponse() {
        return response;
    }

    @Override
    public void setResponse(HttpServletResponse response) {
        this.response = response;
        super.setResponse(response);
    }

    // The container's context would send these through the container's response, past the save.

    /**
     * A redirect after the mechanism signed a caller in sends the caller on with the sign-in not yet
     * complete: the server's login-to-continue keeps the caller in the session until the page first asked
     * for is requested again, and only then tells the container. The session gets its new id here already,
     * so an id planted before the sign-in never reaches the signed-in caller, not even between the two
     * requests (the fixation defence, one request early).
     */
    @Override
    public AuthenticationStatus redirect(String location) {
        if (getCallerPrincipal() != null && session.session(false) != null) {
            session.changeId();
        }
        try {
            getResponse().sendRedirect(location);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    @Override
    public AuthenticationStatus forward(String path) {
        // the container commits the response when the forward ends, without a word to the response wrapper
        session.commit();
        try {
            getRequest().getRequestDispatcher(path).forward(getRequest(), getResponse());
        } catch (IOException | ServletException e) {
            throw new IllegalStateException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    @Override
    public AuthenticationStatus responseUnauthorized() {
        return sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public AuthenticationStatus responseNotFound() {
        return sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    private AuthenticationStatus sendError(int status) {
        try {
            getResponse().sendError(status);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
