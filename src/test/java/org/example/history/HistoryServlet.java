package org.example.history;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.CallerOnlyCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The operations of the history checker, one request each, every answer JSON of what the request saw:
 *
 * <ul>
 *   <li>{@code GET /history/read}: the state, without making a session;
 *   <li>{@code POST /history/cart?item=}: adds the item to the shared cart;
 *   <li>{@code POST /history/own?client=&value=}: sets {@code own-<client>} to the integer {@code value};
 *   <li>{@code POST /history/counter}: increments the {@code @SessionScoped} counter ({@code result}: its new
 *       value);
 *   <li>{@code POST /history/signin?user=}: signs the user in through Jakarta Security ({@code userBefore}: who
 *       was signed in before);
 *   <li>{@code POST /history/signout}: {@code request.logout()}, then {@code session.invalidate()}; answers the
 *       id, incarnation and user the request had before ({@code result}: whether there was a session);
 *   <li>{@code POST /history/change-id}: {@code request.changeSessionId()} ({@code result}: the id before);
 *   <li>{@code POST /history/expire-soon}: {@code setMaxInactiveInterval(1)}.
 * </ul>
 *
 * The state: {@code sessionId} (the server's {@code getId()}, or null), {@code incarnation} (a random token
 * the session gets when it is created, kept across id changes), {@code user}, {@code cart},
 * {@code own} (client to value) and {@code counter}. Every operation but read and sign-out makes the session
 * if there is none.
 */
@WebServlet("/history/*")
public class HistoryServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String INCARNATION = "incarnation";
    static final String OWN_PREFIX = "own-";

    @Inject
    transient HistoryCounter counter;

    @Inject
    transient SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/read".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        send(response, state(request, request.getSession(false)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/cart" -> {
                HttpSession session = used(request);
                HistoryCart.of(session).add(request.getParameter("item"));
                send(response, state(request, session));
            }
            case "/own" -> {
                HttpSession session = used(request);
                session.setAttribute(
                        OWN_PREFIX + request.getParameter("client"), Integer.valueOf(request.getParameter("value")));
                send(response, state(request, session));
            }
            case "/counter" -> {
                HttpSession session = used(request);
                int count = counter.increment();
                send(response, state(request, session).add("result", count));
            }
            case "/signin" -> signIn(request, response);
            case "/signout" -> signOut(request, response);
            case "/change-id" -> {
                HttpSession session = used(request);
                String before = session.getId();
                request.changeSessionId();
                send(response, state(request, request.getSession(false)).add("result", before));
            }
            case "/expire-soon" -> {
                HttpSession session = used(request);
                session.setMaxInactiveInterval(1);
                send(response, state(request, session));
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userBefore = name(request.getUserPrincipal());
        used(request);
        AuthenticationStatus status = security.authenticate(
                request,
                response,
                AuthenticationParameters.withParams()
                        .credential(new CallerOnlyCredential(request.getParameter("user")))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "sign-in failed: " + status);
            return;
        }
        send(
                response,
                state(request, request.getSession(false))
                        .add("userBefore", nullable(userBefore))
                        .add("result", status.name()));
    }

    private static void signOut(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        JsonObjectBuilder before = Json.createObjectBuilder()
                .add("sessionId", nullable(session == null ? null : session.getId()))
                .add("incarnation", nullable(session == null ? null : (String) session.getAttribute(INCARNATION)))
                .add("user", nullable(name(request.getUserPrincipal())));
        request.logout();
        if (session != null) {
            session.invalidate();
        }
        send(response, before.add("result", session != null));
    }

    /**
     * The request's session, made if needed. {@link IncarnationListener} gives a new session its incarnation and
     * counter; this only covers a session made before the application's listeners were registered.
     */
    private HttpSession used(HttpServletRequest request) {
        HttpSession session = request.getSession();
        synchronized (session) {
            if (session.getAttribute(INCARNATION) == null) {
                session.setAttribute(INCARNATION, UUID.randomUUID().toString());
            }
        }
        counter.count(); // the bean exists from the session's first save on: a later read never makes one
        return session;
    }

    private JsonObjectBuilder state(HttpServletRequest request, HttpSession session) {
        JsonObjectBuilder state = Json.createObjectBuilder().add("user", nullable(name(request.getUserPrincipal())));
        if (session == null) {
            return state.addNull("sessionId").addNull("incarnation");
        }
        TreeMap<String, Integer> own = new TreeMap<>();
        for (String name : Collections.list(session.getAttributeNames())) {
            if (name.startsWith(OWN_PREFIX) && session.getAttribute(name) instanceof Integer value) {
                own.put(name.substring(OWN_PREFIX.length()), value);
            }
        }
        JsonObjectBuilder ownJson = Json.createObjectBuilder();
        own.forEach(ownJson::add);
        return state.add("sessionId", session.getId())
                .add("incarnation", nullable((String) session.getAttribute(INCARNATION)))
                .add("cart", Json.createArrayBuilder(HistoryCart.itemsOf(session)))
                .add("own", ownJson)
                .add("counter", counter.count());
    }

    private static String name(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }

    private static void send(HttpServletResponse response, JsonObjectBuilder body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print(body.build().toString());
    }
}
