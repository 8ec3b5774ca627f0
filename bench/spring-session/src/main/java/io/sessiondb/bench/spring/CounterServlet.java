package io.sessiondb.bench.spring;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** {@code POST /api/counter}: one more in the session's Integer attribute (the session is created); {@code GET} reads it. */
@WebServlet("/api/counter")
public class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = "count";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        int count = session != null && session.getAttribute(ATTRIBUTE) instanceof Integer stored ? stored : 0;
        send(response, count);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        int count;
        synchronized (session) {
            count = (session.getAttribute(ATTRIBUTE) instanceof Integer stored ? stored : 0) + 1;
            session.setAttribute(ATTRIBUTE, count);
        }
        send(response, count);
    }

    private static void send(HttpServletResponse response, int count) throws IOException {
        Json.send(
                response,
                HttpServletResponse.SC_OK,
                Json.BUILDERS.createObjectBuilder().add("count", count).build());
    }
}
