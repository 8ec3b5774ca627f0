package io.sessiondb.demo;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.CallerOnlyCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The demo's sign-in: the user is signed in through Jakarta Security ({@link DemoSignIn}) and named in the session. */
public final class Login {

    public static final String USER = "user";
    public static final int MAX_USERNAME_LENGTH = 100;

    private Login() {}

    /**
     * Signs the user in and records their name. SessionDB then gives the session a new id (its fixation
     * defence), so an id known before sign-in is useless after it.
     *
     * @throws IllegalStateException if Jakarta Security did not sign the user in
     */
    public static void logIn(
            SecurityContext security, HttpServletRequest request, HttpServletResponse response, String username) {
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new CallerOnlyCredential(username))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new IllegalStateException("Signing in " + username + " failed: " + status);
        }
        request.getSession().setAttribute(USER, username);
    }

    /** Signs the user out and ends the session: its row is deleted and the cookie cleared. */
    public static void logOut(HttpServletRequest request) throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
