package io.sessiondb.e2e.postgresql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on the loopback interface between the application and its database, which a test can turn
 * into a black hole: connections are still accepted, but from then on nothing passes in either direction
 * and nothing is answered, like a network path that silently drops packets or a server that hangs. That
 * is the outage where only timeouts help, unlike a stopped server, whose refused connections fail at once.
 *
 * <p>While passing, it forwards bytes as they come; when the database closes a connection (it stopped),
 * the client's side is closed too, and a connection it cannot open to the database is closed at once.
 * {@link #heal()} ends the black hole and closes every connection that lived through it, since bytes were
 * dropped on it: as if the outage had outlasted TCP's retransmissions.
 */
final class BlackHoleProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean blackHole;

    private BlackHoleProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards to {@code targetPort} on the loopback interface. */
    static BlackHoleProxy to(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            BlackHoleProxy proxy = new BlackHoleProxy(listener, targetPort);
            daemon("proxy-accept", proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes, on open connections and new ones alike. */
    void blackHole() {
        blackHole = true;
        links.forEach(link -> link.swallowing = true);
    }

    /** Forwards again; connections that lived through the black hole are closed. */
    void heal() {
        blackHole = false;
        for (Link link : List.copyOf(links)) {
            link.close();
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        new ArrayList<>(links).forEach(Link::close);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (blackHole) {
                Link link = new Link(client, null);
                link.swallowing = true;
                register(link);
                continue;
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            } catch (IOException e) {
                closeQuietly(client); // the database is down: the client sees its connection closed
                closeQuietly(server);
                continue;
            }
            register(new Link(client, server));
        }
    }

    private void register(Link link) {
        links.add(link);
        daemon("proxy-up", () -> link.pump(link.client, link.server)).start();
        if (link.server != null) {
            daemon("proxy-down", () -> link.pump(link.server, link.client)).start();
        }
    }

    /** One client connection and, unless it was accepted inside the black hole, its database connection. */
    private final class Link {
        final Socket client;
        final Socket server;
        volatile boolean swallowing;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!swallowing && out != null) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // either side closed
            }
            if (!swallowing) {
                close(); // one side ended the conversation: end the other side too
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
