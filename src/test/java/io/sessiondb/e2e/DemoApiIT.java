package io.sessiondb.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The demo API against the packaged WAR on Payara Micro with its default configuration, on the run's
 * database (on H2, the embedded file in the server's working directory). The server is shared with the
 * other classes of that configuration; one test restarts it.
 */
@ExtendWith(DefaultConfigurationServer.class)
@ResourceLock(DefaultConfigurationServer.LOCK)
class DemoApiIT extends DemoApiContract {

    private static PayaraMicroServer server;

    @BeforeAll
    static void useTheSharedServer(PayaraMicroServer shared) {
        server = shared;
    }

    @Override
    protected DemoServer server() {
        return server;
    }
}
