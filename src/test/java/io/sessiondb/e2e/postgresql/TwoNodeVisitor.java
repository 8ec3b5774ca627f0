package io.sessiondb.e2e.postgresql;

import static io.sessiondb.testing.HttpSessionClient.sessionCookieHeader;

import io.sessiondb.e2e.PayaraMicroServer;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.HashMap;
import java.util.Map;

/**
 * One browser of {@link TwoNodesIT} visiting both nodes: a single cookie jar for both, as a browser sends
 * a host's cookies to all its ports. It holds the {@code SESSIONDB} value itself, set or cleared by whichever node
 * answers, rather than in a shared {@link java.net.CookieManager} (which would share it across the
 * ports too), so that each request's id is plain to see and to assert on.
 */
final class TwoNodeVisitor {

    /**
     * What one add-item request got: a status, or {@link #NO_RESPONSE} when it failed at the client.
     *
     * @param refused the connection was refused: the request never reached a server
     */
    record Outcome(PayaraMicroServer node, String item, boolean afterStop, int status, boolean refused, String detail) {

        static final int NO_RESPONSE = -1;

        String kind() {
            String what =
                    status == 201 ? "201" : status == NO_RESPONSE ? (refused ? "refused" : "failed") : "HTTP " + status;
            return what + (afterStop ? " after the stop" : " before the stop");
        }
    }

    private final Map<PayaraMicroServer, HttpSessionClient> clients = new HashMap<>();
    String sessionId;

    ApiResponse get(PayaraMicroServer node, String path) {
        return remember(client(node).get(path, cookie()));
    }

    ApiResponse post(PayaraMicroServer node, String path) {
        return remember(client(node).post(path, cookie()));
    }

    ApiResponse postJson(PayaraMicroServer node, String path, String json) {
        return remember(client(node).postJson(path, json, cookie()));
    }

    ApiResponse addItem(PayaraMicroServer node, String item) {
        return remember(client(node).addItem(item, cookie()));
    }

    Outcome tryAddItem(PayaraMicroServer node, String item, boolean afterStop) {
        try {
            ApiResponse response = addItem(node, item);
            return new Outcome(node, item, afterStop, response.status(), false, response.toString());
        } catch (UncheckedIOException e) {
            boolean refused = e.getCause() instanceof ConnectException;
            return new Outcome(
                    node,
                    item,
                    afterStop,
                    Outcome.NO_RESPONSE,
                    refused,
                    e.getCause().toString());
        }
    }

    private HttpSessionClient client(PayaraMicroServer node) {
        return clients.computeIfAbsent(node, PayaraMicroServer::visitorWithoutCookies);
    }

    private String[] cookie() {
        return sessionId == null ? new String[0] : sessionCookieHeader(sessionId);
    }

    private ApiResponse remember(ApiResponse response) {
        response.sessionCookie().ifPresent(c -> sessionId = c.deletes() ? null : c.value());
        return response;
    }
}
