package io.sessiondb.operations.admin;

import io.sessiondb.operations.admin.JsonExchange.BadRequest;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionCatalog;
import io.sessiondb.store.SessionRevocation;
import io.sessiondb.store.StorageKeys;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API, at {@code sessiondb.admin.path} ({@code /api/admin} by default), served only while admin
 * credentials are configured:
 *
 * <ul>
 *   <li>{@code GET /sessions?principal=&page=&size=}: live sessions, the most recently accessed first;
 *   <li>{@code DELETE /sessions?principal=}: ends every session of one user ("log out everywhere");
 *   <li>{@code GET /sessions/<fingerprint>}: one session, with its attributes' names and sizes;
 *   <li>{@code DELETE /sessions/<fingerprint>}: ends one session;
 *   <li>{@code GET /totals}: live sessions, expired ones not swept yet, bytes stored.
 * </ul>
 *
 * Access: see {@link AdminAccess}. Never an id or an attribute's value: sessions are named by fingerprint.
 */
public class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    private static final String SESSIONS = "/sessions";
    private static final int TOO_MANY_REQUESTS = 429;

    @Inject
    transient AdminAccess access;

    @Inject
    transient SessionCatalog catalog;

    @Inject
    transient SessionRevocation revocation;

    @Inject
    transient SessionJson json;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminAccess.Decision decision = access.check(request);
        switch (decision.verdict()) {
            case UNAUTHENTICATED -> {
                response.setHeader("WWW-Authenticate", "Basic realm=\"SessionDB admin\", charset=\"UTF-8\"");
                JsonExchange.error(
                        response,
                        HttpServletResponse.SC_UNAUTHORIZED,
                        "Sign in as the SessionDB admin: HTTP Basic, user and password of sessiondb.admin.*");
            }
            case THROTTLED -> {
                response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
                JsonExchange.error(
                        response,
                        TOO_MANY_REQUESTS,
                        "Too many failed sign-ins to the SessionDB admin API: try again in "
                                + decision.retryAfterSeconds() + " seconds");
            }
            case ALLOWED -> {
                try {
                    route(request, response);
                } catch (BadRequest e) {
                    JsonExchange.error(response, e.status, e.getMessage());
                }
            }
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals(SESSIONS)) {
            switch (method) {
                case "GET" -> list(request, response);
                case "DELETE" -> endAllOfUser(request, response);
                default -> JsonExchange.notAllowed(response, "GET, DELETE");
            }
        } else if (path.startsWith(SESSIONS + "/") && path.indexOf('/', SESSIONS.length() + 1) < 0) {
            String fingerprint = path.substring(SESSIONS.length() + 1);
            switch (method) {
                case "GET" -> detail(request, response, fingerprint);
                case "DELETE" -> endOne(request, response, fingerprint);
                default -> JsonExchange.notAllowed(response, "GET, DELETE");
            }
        } else if (path.equals("/totals")) {
            if (method.equals("GET")) {
                totals(request, response);
            } else {
                JsonExchange.notAllowed(response, "GET");
            }
        } else {
            String base = request.getServletPath();
            throw new BadRequest(
                    HttpServletResponse.SC_NOT_FOUND,
                    "No such admin endpoint: " + base + path + "; there are " + base + "/sessions, " + base
                            + "/sessions/<fingerprint> and " + base + "/totals");
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        Map<String, String[]> query = JsonExchange.query(request, Set.of("principal", "page", "size"));
        String principal = principal(request, query, false);
        int size = JsonExchange.integer(query, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int page = JsonExchange.integer(query, "page", 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        SessionCatalog.Page found = catalog.list(principal, page, size);
        JsonArrayBuilder sessions = Json.createArrayBuilder();
        found.sessions().forEach(session -> sessions.add(json.forAdmin(session)));
        JsonExchange.send(
                response,
                HttpServletResponse.SC_OK,
                Json.createObjectBuilder()
                        .add("page", page)
                        .add("size", size)
                        .add("total", found.total())
                        .add("sessions", sessions)
                        .build());
    }

    private void endAllOfUser(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        String principal = principal(request, JsonExchange.query(request, Set.of("principal")), true);
        int ended = revocation.revokeUser(principal);
        JsonExchange.send(
                response,
                HttpServletResponse.SC_OK,
                Json.createObjectBuilder()
                        .add("principalFingerprint", json.principalFingerprint(principal))
                        .add("invalidated", ended)
                        .build());
    }

    private void detail(HttpServletRequest request, HttpServletResponse response, String fingerprint)
            throws IOException, BadRequest {
        JsonExchange.query(request, Set.of());
        SessionCatalog.Summary session = one(fingerprint);
        JsonObjectBuilder body = json.forAdmin(session);
        JsonArrayBuilder attributes = Json.createArrayBuilder();
        long bytes = 0;
        for (SessionCatalog.AttributeSize attribute : catalog.attributeSizes(session.key())) {
            attributes.add(
                    Json.createObjectBuilder().add("name", attribute.name()).add("bytes", attribute.bytes()));
            bytes += attribute.bytes();
        }
        JsonExchange.send(
                response,
                HttpServletResponse.SC_OK,
                body.add("attributes", attributes).add("bytes", bytes).build());
    }

    private void endOne(HttpServletRequest request, HttpServletResponse response, String fingerprint)
            throws IOException, BadRequest {
        JsonExchange.query(request, Set.of());
        if (revocation.revoke(List.of(one(fingerprint).key())) == 0) {
            throw unknown(fingerprint); // ended meanwhile
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private void totals(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        JsonExchange.query(request, Set.of());
        SessionCatalog.Totals totals = catalog.totals();
        JsonExchange.send(
                response,
                HttpServletResponse.SC_OK,
                Json.createObjectBuilder()
                        .add("live", totals.live())
                        .add("expired", totals.expired())
                        .add("bytes", totals.bytes())
                        .build());
    }

    /** The one live session with this fingerprint. */
    private SessionCatalog.Summary one(String fingerprint) throws BadRequest {
        if (!Fingerprints.isSessionFingerprint(fingerprint)) {
            throw new BadRequest(
                    HttpServletResponse.SC_BAD_REQUEST,
                    "'" + fingerprint + "' is not a session fingerprint: " + Fingerprints.SESSION_LENGTH
                            + " characters of A-Z, a-z, 0-9, - and _");
        }
        List<SessionCatalog.Summary> found = catalog.find(fingerprint);
        if (found.isEmpty()) {
            throw unknown(fingerprint);
        }
        if (found.size() > 1) {
            throw new BadRequest(
                    HttpServletResponse.SC_CONFLICT,
                    found.size() + " live sessions have the fingerprint " + fingerprint
                            + ": end them by their user, or wait until one ends");
        }
        return found.get(0);
    }

    private static BadRequest unknown(String fingerprint) {
        return new BadRequest(HttpServletResponse.SC_NOT_FOUND, "No live session has the fingerprint " + fingerprint);
    }

    /** The principal parameter, as sessions store it. */
    private static String principal(HttpServletRequest request, Map<String, String[]> query, boolean required)
            throws BadRequest {
        String[] values = query.get("principal");
        if (values == null) {
            if (required) {
                throw new BadRequest(
                        HttpServletResponse.SC_BAD_REQUEST,
                        "principal is required: DELETE " + request.getServletPath()
                                + "/sessions?principal=<user> ends every session of" + " one user");
            }
            return null;
        }
        if (values[0].isBlank()) {
            throw new BadRequest(HttpServletResponse.SC_BAD_REQUEST, "principal must not be blank");
        }
        return StorageKeys.principalName(values[0]);
    }
}
