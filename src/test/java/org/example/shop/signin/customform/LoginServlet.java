package org.example.shop.signin.customform;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /login} shows the login form; {@code POST /login} with {@code username} and {@code password}
 * signs in through {@link SecurityContext#authenticate}. A wrong password answers 401.
 */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SecurityContext securityContext;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.getWriter()
                .print("<!DOCTYPE html><title>Sign in</title><form method=\"post\" action=\"login\">"
                        + "<input name=\"username\"> <input name=\"password\" type=\"password\">"
                        + " <button>Sign in</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticationStatus status = securityContext.authenticate(
                request,
                response,
                withParams()
                        .credential(new UsernamePasswordCredential(
                                request.getParameter("username"), request.getParameter("password"))));
        if (status == AuthenticationStatus.SEND_CONTINUE) {
            return; // the mechanism has redirected to the page first asked for
        }
        if (status == AuthenticationStatus.SUCCESS) {
            response.setContentType("text/plain");
            response.getWriter().print("signed-in=" + request.getUserPrincipal().getName());
        } else if (!response.isCommitted()) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
