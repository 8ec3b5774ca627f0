package io.sessiondb.demo;

import jakarta.servlet.http.HttpServletRequest;

/** The demo's login: the user's name in the session, under a fresh session id. */
public final class Login {

    public static final String USER = "user";
    public static final int MAX_USERNAME_LENGTH = 100;

    private Login() {}

    /** Records the user and changes the session id, so an id known before login is useless after it. */
    public static void logIn(HttpServletRequest request, String username) {
        request.getSession().setAttribute(USER, username);
        request.changeSessionId();
    }
}
