package io.sessiondb.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs docker/healthcheck.sh, the container's health check, against a server on this machine. */
public final class HealthCheckScript {

    private HealthCheckScript() {}

    /** True when the script reports the server healthy (exit code 0). */
    public static boolean passes(PayaraMicroServer server) {
        try {
            Process check = new ProcessBuilder(
                            "bash", Path.of("docker/healthcheck.sh").toString(), Integer.toString(server.port()))
                    .redirectErrorStream(true)
                    .start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                throw new AssertionError("the health check did not finish within 30 s");
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            throw new AssertionError("could not run the health check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
