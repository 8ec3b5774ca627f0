package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.Fingerprints;
import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One server for the operations tests (admin API, a user's own sessions, metrics, health), shared (see {@link
 * SharedServer}): admin credentials of its own, configured as a hash, a secret of its own, a sweep every
 * {@value #SWEEP_INTERVAL_SECONDS} seconds, no visit stamps, the test's own address as a trusted proxy (so a
 * test can speak for other clients with {@code X-Forwarded-For}), and a database the tests can reach while
 * it runs, to age or change rows.
 */
public final class OperationsServer extends SharedServer {

    /**
     * The resource lock of the classes that use it, which JUnit runs one after another: the metrics tests count
     * what their own requests do.
     */
    public static final String LOCK = "operations-server";

    /** The admin, configured by a hash as an operator makes it. */
    static final AdminCredentials ADMIN = new AdminCredentials("ops", "correct horse battery staple");

    static final int SWEEP_INTERVAL_SECONDS = 5;
    /** The configured secret, which keys the users' fingerprints in logs and answers. */
    static final String SECRET = "operations-test-secret-0123456789abcdef0123456789";

    private static final String DATABASE = "sessiondb_operations";

    @Override
    PayaraMicroServer start() {
        PayaraMicroServer server = PayaraMicroServer.named("operations")
                .withAdmin(ADMIN, ADMIN.passwordHash())
                .withEnv("SESSIONDB_SECRETS", SECRET)
                .withEnv("SESSIONDB_TRUSTED_PROXIES", "127.0.0.1/32,::1")
                .withEnv("SESSIONDB_CLEANUP_INTERVAL", Integer.toString(SWEEP_INTERVAL_SECONDS))
                // no visit stamps: each batch of them gives sessions a new version, and the metrics tests count
                // what a request does with a session this node holds
                .withEnv("SESSIONDB_VISITS_ENABLED", "false");
        // on H2, a database served from the test JVM, so the tests reach the rows while the server runs
        return (TestDatabase.selected().isEmbedded() ? server.withH2ServedByTheTest() : server.onTestDatabase(DATABASE))
                .start();
    }

    /** The {@code Authorization} header of the admin. */
    static String[] admin() {
        return ADMIN.header();
    }

    /** A visitor signed in (through the demo's login) as {@code user}, from a device that says it is {@code userAgent}. */
    static HttpSessionClient signedIn(PayaraMicroServer server, String user, String userAgent) {
        HttpSessionClient visitor = server.visitor();
        ApiResponse login = visitor.postJson("/api/login", "{\"username\":\"" + user + "\"}", "User-Agent", userAgent);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return visitor;
    }

    /** The fingerprint of the visitor's session, as logs and the admin API name it. */
    static String fingerprint(HttpSessionClient visitor) {
        return Fingerprints.ofSessionId(visitor.sessionId().orElseThrow());
    }

    /** Runs one statement on the server's database, as a test changing rows behind the server's back. */
    static int update(PayaraMicroServer server, String sql, Object... parameters) throws SQLException {
        try (Connection connection = server.h2() != null
                        ? server.h2().connect()
                        : TestDatabase.selected().connect(DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
