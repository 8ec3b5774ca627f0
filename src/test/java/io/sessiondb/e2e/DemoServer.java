package io.sessiondb.e2e;

import io.sessiondb.testing.HttpSessionClient;

/**
 * A server running the packaged demo WAR, as the demo API tests ({@link DemoApiContract}) drive it: Payara
 * Micro ({@link PayaraMicroServer}) or another Jakarta EE server.
 */
public interface DemoServer {

    /** A browser-like visitor of this server, with a cookie jar of its own. */
    HttpSessionClient visitor();

    /** A visitor that sends only the {@code Cookie} headers a test passes in. */
    HttpSessionClient visitorWithoutCookies();

    /**
     * Stops the server process and starts it again, keeping its sessions, on another HTTP port: a client
     * then reaches it through a new connection, so only its cookie carries the session over.
     */
    void restart();

    /** The HTTP port the application answers on. */
    int port();
}
