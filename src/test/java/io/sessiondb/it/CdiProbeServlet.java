package io.sessiondb.it;

import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.NonexistentConversationException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Uses CDI session and conversation beans the way an application would, one operation per request
 * ({@code ?op=...}, with the conversation's {@code cid} as a parameter), answering with plain text.
 */
@WebServlet("/cdi-probe")
public class CdiProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CountingSessionBean counter;

    @Inject
    transient NotesConversationBean notes;

    @Inject
    transient Conversation conversation;

    @Inject
    transient HttpSession injectedSession;

    @Inject
    transient Tally tally;

    @Inject
    transient HttpServletRequest injectedRequest;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        try {
            switch (request.getParameter("op")) {
                case "count" -> out.print(counter.increment());
                case "read-count" -> out.print(counter.count());
                case "begin" -> {
                    conversation.begin();
                    out.print(conversation.getId());
                }
                case "add-note" -> out.print(notes.add(request.getParameter("value")));
                case "notes" -> out.print(notes.notes());
                case "end" -> conversation.end();
                case "injected-session-id" -> out.print(injectedSession.getId());
                case "injected-request-session-id" -> {
                    injectedRequest.getSession().setAttribute("via", "injected request");
                    out.print(injectedRequest.getSession().getId());
                }
                case "tally" -> out.print(tally.add());
                default -> response.sendError(400, "unknown op");
            }
        } catch (NonexistentConversationException e) {
            out.print("no conversation " + request.getParameter("cid"));
        }
    }
}
