package io.sessiondb.e2e;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged WAR running on Payara Micro in its own process, as a user runs it: {@code java -jar
 * payara-micro.jar --deploy sessiondb.war}. The working directory is kept across restarts, so the
 * embedded H2 file under {@code ./data} survives them.
 *
 * <p>The one fixture of the end-to-end tests. A test class that needs a server of its own configuration
 * registers one ({@code @RegisterExtension static final PayaraMicroServer server =
 * PayaraMicroServer.named(...).withEnv(...)}): it boots before the class's first test and stops after its
 * last. Classes that need the default configuration share one server through {@link
 * DefaultConfigurationServer}.
 */
public final class PayaraMicroServer implements DemoServer, AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    /** What Payara Micro logs when the application does not deploy. */
    private static final String DEPLOYMENT_FAILED = "Exception while loading the app";

    private final String name;
    private Path workDir;
    private String testDatabase;
    private boolean h2ServedByTheTest;
    private H2TcpDatabase h2;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final List<String> extraArgs = new ArrayList<>();
    private Path war = BuildOutput.war();
    private boolean keepsPort;
    /** A path the application serves once deployed: {@link #awaitReady()} waits for it to answer 200. */
    private String readinessPath = "/app.js";

    private int port;
    private int starts;
    private Process process;

    private PayaraMicroServer(
            String name, Path workDir, Map<String, String> systemProperties, Map<String, String> environment) {
        this.name = name;
        this.workDir = workDir;
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** A server that will run in {@code workDir} (none started yet). */
    public static PayaraMicroServer in(Path workDir) {
        return new PayaraMicroServer(
                workDir.getFileName().toString(), workDir, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * A server that will run in a {@link BuildOutput#freshWorkDir fresh working directory} of this name, made when it
     * is first needed (none started yet).
     */
    public static PayaraMicroServer named(String name) {
        return new PayaraMicroServer(name, null, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * Points the server at a fresh database named {@code database} on the run's {@link TestDatabase}
     * ({@link #onDatabase}); on the embedded database, changes nothing.
     * The database is made at the first start, so a class skipped for want of its database makes none.
     */
    public PayaraMicroServer onTestDatabase(String database) {
        this.testDatabase = database;
        return this;
    }

    /** Points the server at the database {@code other} uses since its start: a second node of it. */
    public PayaraMicroServer onTheDatabaseOf(PayaraMicroServer other) {
        if (!other.environment.containsKey("SESSIONDB_DB_URL")) {
            throw new IllegalStateException("the other server uses the embedded database, which one process owns");
        }
        for (String name : List.of("SESSIONDB_DB_URL", "SESSIONDB_DB_USER", "SESSIONDB_DB_PASSWORD")) {
            if (other.environment.containsKey(name)) {
                environment.put(name, other.environment.get(name));
            }
        }
        return this;
    }

    /**
     * Points the server at the database at {@code url}, as the test databases' user ({@link TestDatabase#USER}),
     * as an operator would: {@code SESSIONDB_DB_URL}, {@code _USER} and {@code _PASSWORD}.
     */
    public PayaraMicroServer onDatabase(String url) {
        environment.put("SESSIONDB_DB_URL", url);
        environment.put("SESSIONDB_DB_USER", TestDatabase.USER);
        environment.put("SESSIONDB_DB_PASSWORD", TestDatabase.PASSWORD);
        return this;
    }

    /**
     * Points the server at an H2 database that the test JVM serves over TCP, started with the server's
     * first start in its working directory and stopped when it is closed: the test can then look at the
     * session rows, or take the database away ({@link #h2()}).
     */
    public PayaraMicroServer withH2ServedByTheTest() {
        this.h2ServedByTheTest = true;
        return this;
    }

    /** The database of {@link #withH2ServedByTheTest()}, once the server has started. */
    H2TcpDatabase h2() {
        return h2;
    }

    /** Adds a {@code -D} system property for the server process (before {@link #start()}). */
    public PayaraMicroServer withSystemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** Adds an environment variable for the server process (before {@link #start()}). */
    public PayaraMicroServer withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Configures {@code admin} as SessionDB's admin, by the hash {@code passwordHash} of its password (before {@link #start()}). */
    public PayaraMicroServer withAdmin(AdminCredentials admin, String passwordHash) {
        environment.putAll(admin.environment(passwordHash));
        return this;
    }

    /** Adds Payara Micro command-line options, such as {@code --postbootcommandfile} (before {@link #start()}). */
    public PayaraMicroServer withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Restarts on the port of the first start instead of a new one: a page a browser loaded before a
     * restart posts its forms to that port afterwards.
     */
    public PayaraMicroServer keepingItsPortAcrossRestarts() {
        this.keepsPort = true;
        return this;
    }

    /** Deploys another application than the demo; {@code readinessPath} answers 200 once it is deployed. */
    public PayaraMicroServer deploying(Path war, String readinessPath) {
        this.war = war;
        this.readinessPath = readinessPath;
        return this;
    }

    /** Boots the server on a free port and waits until the application answers. */
    public PayaraMicroServer start() {
        return launch().awaitReady();
    }

    /**
     * Boots the server and waits only for Payara Micro itself, for tests of an application that must
     * refuse to deploy; the log then says why.
     */
    public PayaraMicroServer startWithoutWaitingForTheApplication() {
        launch();
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (log().matches("(?s).*Payara Micro .* ready in .*")) {
                return this;
            }
            sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not boot within " + BOOT_TIMEOUT + ":\n" + log());
    }

    /**
     * Starts the server process on a free port and returns at once, without waiting for the application;
     * {@link #awaitReady()} waits. Lets a test boot several servers at the same time.
     */
    public PayaraMicroServer launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            Files.createDirectories(workDir());
            if (testDatabase != null && !TestDatabase.selected().isEmbedded()) {
                onDatabase(TestDatabase.selected().recreate(testDatabase));
                testDatabase = null; // made once: a restart keeps the sessions
            }
            if (h2ServedByTheTest && h2 == null) {
                h2 = H2TcpDatabase.start(workDir().resolve("h2"));
                environment.put("SESSIONDB_DB_URL", h2.url());
                environment.put("SESSIONDB_DB_USER", H2TcpDatabase.USER);
                environment.put("SESSIONDB_DB_PASSWORD", H2TcpDatabase.PASSWORD);
            }
            if (port == 0 || !keepsPort) {
                port = freePort();
            }
            starts++;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            // C1 only: halves the boot on 2 busy cores (28 s -> 13 s measured); tests need no peak speed
            command.add("-XX:TieredStopAtLevel=1");
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of(
                    "-jar",
                    BuildOutput.payaraMicroJar().toString(),
                    "--deploy",
                    war.toString(),
                    "--contextroot",
                    "/",
                    "--port",
                    Integer.toString(port),
                    "--nocluster",
                    "--rootdir",
                    workDir().resolve("runtime-" + starts).toString()));
            command.addAll(extraArgs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server the way an operator would (SIGTERM), waiting for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the server as a crash would (SIGKILL): nothing of it runs after this. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isRunning()) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Stops and starts again on the same working directory (and so the same H2 file), on a free port unless {@link #keepingItsPortAcrossRestarts()}. */
    @Override
    public void restart() {
        stop();
        start();
    }

    /** Stops the server, and the database it was given by {@link #withH2ServedByTheTest()}. */
    @Override
    public void close() {
        stop();
        if (h2 != null) {
            h2.stop();
        }
    }

    /** The server's working directory, made empty when first asked for. */
    public Path workDir() {
        if (workDir == null) {
            workDir = BuildOutput.freshWorkDir(name);
        }
        return workDir;
    }

    /** Whether the server process is running (launched and not exited). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public int port() {
        return port;
    }

    /** Everything the server printed during its latest run. */
    public String log() {
        try {
            return Files.readString(logFile());
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private Path logFile() {
        return workDir().resolve("server-" + starts + ".log");
    }

    /** Waits until the {@link #launch() launched} server serves the application; stops it if it never does. */
    public PayaraMicroServer awaitReady() {
        if (process == null) {
            throw new IllegalStateException("not launched");
        }
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + ":\n" + log());
            }
            if (log().contains(DEPLOYMENT_FAILED)) {
                stop(); // Payara Micro keeps running without the application: waiting longer is pointless
                throw new IllegalStateException("The application failed to deploy:\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(
                        // patient: a probe that gives up mid-boot leaves an "Internal Server error" in the log
                        HttpRequest.newBuilder(uri(readinessPath))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Payara Micro", e);
            }
            sleep(500);
        }
        stop();
        throw new IllegalStateException(
                "Payara Micro did not serve the application within " + BOOT_TIMEOUT + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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
