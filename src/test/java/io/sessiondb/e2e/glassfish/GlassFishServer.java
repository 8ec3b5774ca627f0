package io.sessiondb.e2e.glassfish;

import io.sessiondb.e2e.BuildOutput;
import io.sessiondb.e2e.DemoServer;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged WAR, unchanged, on the full GlassFish 7 server that the build unpacked into {@code
 * target/glassfish7}, set up with {@code asadmin} as docs/deployment.md's steps say: a domain of its own, the
 * PostgreSQL driver added as a library, a connection pool and the JNDI datasource {@value #DATASOURCE}
 * on a fresh database of the run's PostgreSQL, SessionDB's settings as system properties of the domain,
 * and the WAR deployed at the context root.
 *
 * <p>A JUnit extension: {@code @RegisterExtension static final GlassFishServer server =
 * GlassFishServer.onTestDatabase(...)} sets it up before the class's first test and undeploys and stops
 * it after its last. The domain lives under {@code target/e2e/postgresql/glassfish}, so the unpacked
 * server stays as it was downloaded; its log and {@code asadmin.log} are kept there for reading after a
 * failed run.
 */
public final class GlassFishServer implements DemoServer, BeforeAllCallback, AfterAllCallback {

    static final String DATASOURCE = "jdbc/sessiondb";
    private static final String DOMAIN = "sessiondb";
    private static final String POOL = "sessiondb-pool";
    private static final String APPLICATION = "sessiondb";
    private static final String SECRET = "a-glassfish-test-secret-of-at-least-32-characters";
    private static final String HTTP_LISTENER_PORT =
            "configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.port";
    /**
     * The ports {@code create-domain --portbase} assigns, as offsets from the base: debugger, IIOP (three),
     * admin, OSGi shell, JMS, HTTP, HTTPS, JMX. All must be free, or the domain does not start.
     */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};

    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration APPLICATION_TIMEOUT = Duration.ofMinutes(2);

    private final String database;
    private Path workDir;
    private int adminPort;
    private int httpPort;
    private boolean domainRunning;
    private boolean deployed;
    /** Stops the domain if the test JVM ends without {@link #afterAll}: it runs detached from this JVM. */
    private Thread stopOnExit;

    private GlassFishServer(String database) {
        this.database = database;
    }

    /**
     * A server (none set up yet) whose sessions go to a fresh PostgreSQL database of this name on the run's
     * {@link TestDatabase#POSTGRESQL}, reached through the server's datasource.
     */
    public static GlassFishServer onTestDatabase(String database) {
        return new GlassFishServer(database);
    }

    /** The database name given to {@link #onTestDatabase}, for {@link TestDatabase#connect}. */
    public String database() {
        return database;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!domainRunning) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Creates the domain, starts it, creates the datasource, sets the configuration and deploys the WAR. */
    public void start() {
        if (domainRunning) {
            throw new IllegalStateException("already running");
        }
        URI databaseUri = URI.create(TestDatabase.POSTGRESQL.recreate(database).substring("jdbc:".length()));
        workDir = BuildOutput.freshWorkDir("glassfish");
        int portBase = freePortBase();
        adminPort = portBase + ADMIN_OFFSET;
        httpPort = portBase + HTTP_OFFSET;
        asadmin(
                "create-domain",
                "--nopassword",
                "--domaindir",
                workDir.toString(),
                "--portbase",
                Integer.toString(portBase),
                DOMAIN);
        startDomain();
        // into the domain's lib: the server's pool loads the driver, not the WAR's copy
        remote(
                "add-library",
                "--type",
                "common",
                BuildOutput.besideTheWar("jdbc/postgresql.jar").toString());
        remote(
                "create-jdbc-connection-pool",
                "--datasourceclassname",
                "org.postgresql.ds.PGSimpleDataSource",
                "--restype",
                "javax.sql.DataSource",
                "--property",
                String.join(
                        ":",
                        "user=" + TestDatabase.USER,
                        "password=" + TestDatabase.PASSWORD,
                        "serverName=" + databaseUri.getHost(),
                        "portNumber=" + databaseUri.getPort(),
                        "databaseName=" + databaseUri.getPath().substring(1)),
                POOL);
        remote("ping-connection-pool", POOL);
        remote("create-jdbc-resource", "--connectionpoolid", POOL, DATASOURCE);
        // system properties of the server, which MicroProfile Config reads; kept across restarts
        remote(
                "create-system-properties",
                String.join(
                        ":",
                        "mp.config.profile=prod",
                        "sessiondb.datasource=" + DATASOURCE,
                        "sessiondb.secrets=" + SECRET));
        remote(
                "deploy",
                "--contextroot",
                "/",
                "--name",
                APPLICATION,
                BuildOutput.war().toAbsolutePath().toString());
        deployed = true;
        awaitApplication();
    }

    /** Undeploys the application (so its shutdown runs, as an operator's undeploy would) and stops the domain. */
    public void stop() {
        if (!domainRunning) {
            return;
        }
        try {
            if (deployed) {
                deployed = false;
                remote("undeploy", APPLICATION);
            }
        } finally {
            stopDomain();
        }
    }

    /**
     * Moves the HTTP listener to a new free port, then stops the domain and starts it again: the deployed
     * application comes back with the domain, its sessions with the database.
     */
    @Override
    public void restart() {
        int newPort = freePort();
        remote("set", HTTP_LISTENER_PORT + "=" + newPort);
        stopDomain();
        httpPort = newPort;
        startDomain();
        awaitApplication();
    }

    @Override
    public int port() {
        return httpPort;
    }

    /** The domain's server log, {@code server.log}, as it is now. */
    public String log() {
        try {
            return Files.readString(workDir.resolve(DOMAIN).resolve("logs").resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void startDomain() {
        asadmin("start-domain", "--domaindir", workDir.toString(), DOMAIN);
        domainRunning = true;
        stopOnExit = new Thread(this::killDomain, "stop-glassfish");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    private void stopDomain() {
        asadmin("stop-domain", "--domaindir", workDir.toString(), DOMAIN);
        domainRunning = false;
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private void killDomain() {
        if (domainRunning) {
            asadmin("stop-domain", "--kill=true", "--domaindir", workDir.toString(), DOMAIN);
        }
    }

    /** A command to the running domain, through its admin port. */
    private void remote(String... command) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(adminPort)));
        args.addAll(List.of(command));
        asadmin(args.toArray(String[]::new));
    }

    /**
     * Runs {@code asadmin} and waits for it; fails with its output unless it succeeds. The output is also
     * appended to {@code asadmin.log} in the working directory.
     */
    private void asadmin(String... args) {
        Path asadmin = BuildOutput.glassFishHome().resolve("bin").resolve("asadmin");
        List<String> command = new ArrayList<>(List.of(asadmin.toString(), "--interactive=false"));
        command.addAll(List.of(args));
        Path output = workDir.resolve("asadmin-output.tmp");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    // a file, not a pipe: start-domain leaves the server running with asadmin's descriptors
                    .redirectOutput(output.toFile());
            // the JDK that runs the tests runs the server too
            builder.environment().put("AS_JAVA", System.getProperty("java.home"));
            // C1 only, for asadmin and the server it starts (which inherits the environment): the domain
            // boots in 5-6 s instead of 10-11 s on 2 busy cores, and deploys faster; tests need no peak speed
            builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " did not finish within "
                        + COMMAND_TIMEOUT + ":\n" + Files.readString(output));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Files.writeString(
                    workDir.resolve("asadmin.log"),
                    "$ asadmin " + String.join(" ", args) + "\n" + printed + "(exit " + process.exitValue() + " after "
                            + millis + " ms)\n\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed with exit "
                        + process.exitValue() + ":\n" + printed + "\nServer log: "
                        + workDir.resolve(DOMAIN).resolve("logs").resolve("server.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running asadmin " + String.join(" ", args), e);
        }
    }

    /** Waits until the application serves a static file on the current HTTP port. */
    private void awaitApplication() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(APPLICATION_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(uri("/app.js"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for GlassFish", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("GlassFish did not serve the application on port " + httpPort + " within "
                + APPLICATION_TIMEOUT + ":\n" + log());
    }

    /**
     * A base for {@code --portbase} whose every port is free, below Linux's ephemeral ports (32768 and up):
     * there, the outgoing connections of the servers and tests running meanwhile take ports at random, and
     * one took a port between this check and {@code create-domain} ("No free port available").
     */
    private static int freePortBase() {
        Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + 100 * random.nextInt(120);
            boolean allFree = true;
            for (int offset : PORT_OFFSETS) {
                allFree &= isFree(base + offset);
            }
            if (allFree) {
                return base;
            }
        }
        throw new IllegalStateException("no free port base for GlassFish between 20000 and 32000");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
