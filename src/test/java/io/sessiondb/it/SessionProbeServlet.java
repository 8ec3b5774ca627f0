package io.sessiondb.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.example.own.OwnValue;
import org.example.untrusted.UntrustedValue;

/**
 * Exercises the {@link HttpSession} contract the way an application would, one operation per request
 * ({@code ?op=...}), answering with plain text the tests read.
 */
@WebServlet("/probe")
public class SessionProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Released by a test to let a request parked by {@code op=set-flush-wait} or {@code op=wait-set} go on. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    /** Counted down when a request reaches its parking point. */
    static volatile CountDownLatch parked = new CountDownLatch(0);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        String name = request.getParameter("name");
        String value = request.getParameter("value");
        switch (request.getParameter("op")) {
            case "nothing" -> out.print("nothing");
            case "set" -> request.getSession().setAttribute(name, value);
            case "get" -> out.print(request.getSession().getAttribute(name));
            case "remove" -> request.getSession().removeAttribute(name);
            case "read-all" -> {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    for (String attribute : Collections.list(session.getAttributeNames())) {
                        out.print(attribute + "=" + session.getAttribute(attribute) + ";");
                    }
                }
            }
            case "list-add" -> listAdd(request.getSession(), name, value);
            case "create-empty" -> out.print(request.getSession().getId());
            case "exists" -> out.print(request.getSession(false) != null);
            case "info" -> info(request, out);
            case "max-inactive" -> request.getSession().setMaxInactiveInterval(Integer.parseInt(value));
            case "unserializable" -> unserializable(request.getSession(), out);
            case "untrusted" -> {
                request.getSession().setAttribute(name, new UntrustedValue(value));
                out.print("stored");
            }
            case "read-all-then-set" -> {
                HttpSession session = request.getSession();
                for (String attribute : Collections.list(session.getAttributeNames())) {
                    out.print(attribute + "=" + session.getAttribute(attribute) + ";");
                }
                session.setAttribute(name, value);
            }
            case "too-large" -> tooLarge(request.getSession(), name, Integer.parseInt(value), out);
            case "bind" -> request.getSession().setAttribute(name, new BindingValue(value));
            case "activation" -> request.getSession().setAttribute(name, new ActivationValue(value));
            case "own" -> request.getSession().setAttribute(name, new OwnValue(value));
            case "change-id" -> {
                String oldId = request.getSession().getId();
                out.print(oldId + " " + request.changeSessionId());
            }
            case "invalidate" -> invalidate(request.getSession(), out);
            case "invalidate-in-rolled-back-transaction" ->
                inRolledBackTransaction(() -> request.getSession().invalidate());
            case "change-id-in-rolled-back-transaction" ->
                inRolledBackTransaction(() -> out.print(request.changeSessionId()));
            case "invalidate-and-create" -> {
                request.getSession().invalidate();
                request.getSession().setAttribute(name, value);
            }
            case "set-flush-wait" -> setFlushWait(request, response, name, value);
            case "wait-set" -> {
                HttpSession session = request.getSession();
                park();
                try {
                    session.setAttribute(name, value);
                } catch (IllegalStateException e) {
                    // another request invalidated the session, which this one shares, as with a container's sessions
                    response.getWriter().write("invalidated meanwhile");
                }
            }
            default -> response.sendError(400, "unknown op");
        }
    }

    @SuppressWarnings("unchecked")
    private static void listAdd(HttpSession session, String name, String value) {
        // mutated in place after the first request: no setAttribute, as an application might do
        List<String> list = (List<String>) session.getAttribute(name);
        if (list == null) {
            list = new ArrayList<>();
            session.setAttribute(name, list);
        }
        list.add(value);
    }

    private static void info(HttpServletRequest request, PrintWriter out) {
        HttpSession session = request.getSession(false);
        out.println("requestedId=" + request.getRequestedSessionId());
        out.println("requestedValid=" + request.isRequestedSessionIdValid());
        out.println("fromCookie=" + request.isRequestedSessionIdFromCookie());
        out.println("fromURL=" + request.isRequestedSessionIdFromURL());
        if (session != null) {
            out.println("id=" + session.getId());
            out.println("new=" + session.isNew());
            out.println("created=" + session.getCreationTime());
            out.println("lastAccessed=" + session.getLastAccessedTime());
            out.println("maxInactive=" + session.getMaxInactiveInterval());
            out.println("class=" + session.getClass().getName());
        }
    }

    private static void unserializable(HttpSession session, PrintWriter out) {
        session.setAttribute("kept", "yes");
        try {
            session.setAttribute("socket", new Object());
            out.print("accepted");
        } catch (IllegalArgumentException e) {
            out.print("rejected: " + e.getMessage());
        }
    }

    private static void tooLarge(HttpSession session, String name, int size, PrintWriter out) {
        session.setAttribute("kept", "yes");
        try {
            session.setAttribute(name, new byte[size]);
            out.print("accepted");
        } catch (IllegalArgumentException e) {
            out.print("rejected: " + e.getMessage());
        }
    }

    /** Runs {@code work} in a JTA transaction that the application then rolls back. */
    private static void inRolledBackTransaction(Runnable work) {
        try {
            UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
            transaction.begin();
            try {
                work.run();
            } finally {
                transaction.rollback();
            }
        } catch (NamingException | NotSupportedException | SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void invalidate(HttpSession session, PrintWriter out) {
        session.invalidate();
        try {
            session.getAttribute("anything");
            out.print("still usable");
        } catch (IllegalStateException e) {
            out.print("invalidated: " + e.getMessage());
        }
    }

    private static void setFlushWait(
            HttpServletRequest request, HttpServletResponse response, String name, String value) throws IOException {
        request.getSession().setAttribute(name, value);
        response.getWriter().print("flushed");
        response.flushBuffer();
        park();
    }

    private static void park() {
        parked.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
