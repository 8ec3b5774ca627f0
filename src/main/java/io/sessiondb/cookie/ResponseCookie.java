package io.sessiondb.cookie;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session cookie of one response: which id the client holds, whether this response must send it, and
 * when it must leave the client's cookie alone.
 */
public final class ResponseCookie {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final SessionCookies cookies;
    private final boolean rolling;

    /** The id the client's cookie holds, once it is known to name the request's session. */
    private String clientId;
    /** Whether this response already carries the refreshed cookie of a rolling expiry. */
    private boolean rolled;
    /**
     * The cookie names an id that another request replaced moments ago (a sign-in): this response must set
     * no cookie, which would replace the browser's new one.
     */
    private boolean leftAlone;

    public ResponseCookie(
            HttpServletRequest request, HttpServletResponse response, SessionCookies cookies, boolean rolling) {
        this.request = request;
        this.response = response;
        this.cookies = cookies;
        this.rolling = rolling;
    }

    /** The client's cookie names the session with this id. */
    public void heldByClient(String id) {
        clientId = id;
    }

    public boolean clientHolds(String id) {
        return id.equals(clientId);
    }

    /** Another request gave the client's session a new id moments ago: this response sets no cookie. */
    public void leaveAlone() {
        leftAlone = true;
        clientId = null;
    }

    public boolean leftAlone() {
        return leftAlone;
    }

    /** Whether the cookie of a stored session {@code id} is due: the client lacks it, or it rolls. */
    public boolean due(String id) {
        return (rolling && !rolled) || !id.equals(clientId);
    }

    public void write(String id) {
        cookies.write(request, response, id);
        clientId = id;
        rolled = true;
    }

    /** Clears the client's cookie, if this response can still say so. */
    public void clear() {
        if (!response.isCommitted()) {
            cookies.clear(request, response);
            clientId = null;
        }
    }

    /** Clears the cookie of a session the client held, now gone. */
    public void clearIfHeld() {
        if (clientId != null) {
            clear();
        }
    }
}
