package io.sessiondb.e2e;

import io.sessiondb.testing.HttpSessionClient;
import java.net.URI;

/**
 * A server running the packaged demo WAR, as the demo API tests ({@link DemoApiContract}) drive it: Payara
 * Micro ({@link PayaraMicroServer}) or another Jakarta EE server.
 */
public interface DemoServer {

    /** A browser-like visitor of this server, with a cookie jar of its own. */
    default HttpSessionClient visitor() {
        return HttpSessionClient.withCookieJar(() -> uri("/"));
    }

    /** A visitor that sends only the {@code Cookie} headers a test passes in. */
    default HttpSessionClient visitorWithoutCookies() {
        return HttpSessionClient.withoutCookies(() -> uri("/"));
    }

    /**
     * Stops the server process and starts it again, keeping its sessions, on another HTTP port: a client
     * then reaches it through a new connection, so only its cookie carries the session over.
     */
    void restart();

    /** The HTTP port the application answers on. */
    int port();

    /** The address of {@code path} on the application, which is deployed at the root. */
    default URI uri(String path) {
        return URI.create("http://localhost:" + port() + (path.startsWith("/") ? path : "/" + path));
    }
}
