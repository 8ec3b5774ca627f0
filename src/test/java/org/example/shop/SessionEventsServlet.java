package org.example.shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /session-events}: what the shop's listeners heard of the caller's session, a line each;
 * {@code DELETE /session-events}: ends the session first.
 */
@WebServlet("/session-events")
public class SessionEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        respond(response, session == null ? "" : session.getId());
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        String id = session == null ? "" : session.getId();
        if (session != null) {
            session.invalidate();
        }
        respond(response, id);
    }

    private static void respond(HttpServletResponse response, String sessionId) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(String.join("\n", SessionEventLog.of(sessionId)));
    }
}
