package io.sessiondb.operations.admin;

import io.sessiondb.operations.admin.JsonExchange.BadRequest;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionCatalog;
import io.sessiondb.store.SessionRevocation;
import io.sessiondb.store.StorageKeys;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * A signed-in user's own sessions, at {@code sessiondb.own-sessions.path} ({@code /api/me/sessions} by
 * default) once {@code sessiondb.own-sessions.enabled}: the "devices" page of large web services: {@code GET}
 * lists them (the device each was created from, when, when last active, which is this one), {@code DELETE
 * /<fingerprint>} ends one. Only ever the sessions of the user signed in on the request: another user's
 * session is answered as if it did not exist.
 */
public class OwnSessionsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The most a list shows: the most recently used. */
    static final int MAX_LISTED = 100;

    @Inject
    transient SessionCatalog catalog;

    @Inject
    transient SessionRevocation revocation;

    @Inject
    transient SessionJson json;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal user = request.getUserPrincipal();
        if (user == null || user.getName() == null) {
            JsonExchange.error(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in to see your sessions");
            return;
        }
        String principal = StorageKeys.principalName(user.getName());
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            if (path.equals("/")) {
                if (!request.getMethod().equals("GET")) {
                    JsonExchange.notAllowed(response, "GET");
                    return;
                }
                JsonExchange.query(request, Set.of());
                list(request, response, principal);
            } else if (path.indexOf('/', 1) < 0) {
                if (!request.getMethod().equals("DELETE")) {
                    JsonExchange.notAllowed(response, "DELETE");
                    return;
                }
                JsonExchange.query(request, Set.of());
                end(request, response, principal, path.substring(1));
            } else {
                throw new BadRequest(
                        HttpServletResponse.SC_NOT_FOUND, "No such endpoint: " + request.getServletPath() + path);
            }
        } catch (BadRequest e) {
            JsonExchange.error(response, e.status, e.getMessage());
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response, String principal) throws IOException {
        String current = currentKey(request);
        SessionCatalog.Page mine = catalog.list(principal, 0, MAX_LISTED);
        JsonArrayBuilder sessions = Json.createArrayBuilder();
        for (SessionCatalog.Summary session : mine.sessions()) {
            sessions.add(json.forOwner(session, session.key().equals(current)));
        }
        JsonExchange.send(
                response,
                HttpServletResponse.SC_OK,
                Json.createObjectBuilder()
                        .add("total", mine.total())
                        .add("sessions", sessions)
                        .build());
    }

    private void end(HttpServletRequest request, HttpServletResponse response, String principal, String fingerprint)
            throws IOException, BadRequest {
        if (!Fingerprints.isSessionFingerprint(fingerprint)) {
            throw new BadRequest(
                    HttpServletResponse.SC_BAD_REQUEST, "'" + fingerprint + "' is not a session fingerprint");
        }
        List<String> keys = catalog.find(fingerprint).stream()
                .filter(session -> principal.equals(session.principalName()))
                .map(SessionCatalog.Summary::key)
                .toList();
        if (keys.isEmpty()) {
            throw new BadRequest(
                    HttpServletResponse.SC_NOT_FOUND, "You have no live session with the fingerprint " + fingerprint);
        }
        HttpSession session = request.getSession(false);
        if (session != null && keys.contains(currentKey(request))) {
            session.invalidate(); // this very session: ended as by signing out, its cookie cleared
        } else if (revocation.revoke(keys) == 0) {
            throw new BadRequest(
                    HttpServletResponse.SC_NOT_FOUND, "You have no live session with the fingerprint " + fingerprint);
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** The storage key of the request's own session, or null. */
    private static String currentKey(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : StorageKeys.of(session.getId());
    }
}
