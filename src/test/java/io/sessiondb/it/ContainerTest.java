package io.sessiondb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.store.ExpirySweeper;
import io.sessiondb.testing.ApiResponse;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * What every in-container test shares: a fresh client per test, and direct access to the session tables
 * through the application's own datasource. The tests are default methods of interfaces that extend this
 * one, run by {@link InContainerIT}, which deploys the archive once per database and implements the
 * accessors.
 *
 * <p>JUnit runs an interface's {@code @BeforeEach} methods before the class's own, before {@link
 * InContainerIT} has made the test's {@link #browser()}: they must not use it.
 */
interface ContainerTest {

    /** The deployed application's URL. */
    URL base();

    /** The application's own datasource, {@code java:app/jdbc/sessiondb}. */
    DataSource dataSource();

    /** The application's sweeper, to run a sweep now. */
    ExpirySweeper sweeper();

    /** A client with a cookie jar of its own, new for each test. */
    Probe browser();

    /** The first column of the first row of a query, e.g. a {@code COUNT(*)}. */
    default long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Runs an UPDATE that must change exactly one row. One that stands for another node's write, or for time
     * passing, also gives the row a new version, as every write of SessionDB's does: the server then reads
     * the row afresh instead of using the session it keeps.
     */
    default void updateOneRow(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    /**
     * Sends {@code op=wait-set} on this client's session and returns once the servlet has loaded the
     * session and parked; it sets the attribute when {@link SessionProbeServlet#release} is counted down.
     */
    default CompletableFuture<ApiResponse> parkedWaitSet(String name, String value) throws InterruptedException {
        SessionProbeServlet.parked = new CountDownLatch(1);
        SessionProbeServlet.release = new CountDownLatch(1);
        CompletableFuture<ApiResponse> request = browser().callAsync("wait-set", "name", name, "value", value);
        assertThat(SessionProbeServlet.parked.await(20, TimeUnit.SECONDS)).isTrue();
        return request;
    }
}
