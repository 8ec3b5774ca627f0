package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiondb.SessionStoreException;
import io.sessiondb.config.TestConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The visit stamps a node holds back, against an in-memory H2 with the session table's visit columns. */
class PendingVisitsTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private JdbcDataSource h2;
    private Connection keepAlive;
    private boolean databaseFails;

    @BeforeEach
    void createTable() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:visits" + DATABASES.incrementAndGet());
        keepAlive = h2.getConnection();
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("CREATE TABLE sessiondb_session (id VARCHAR(64) PRIMARY KEY,"
                    + " visits BIGINT NOT NULL DEFAULT 0, last_request_ms BIGINT, version BIGINT NOT NULL DEFAULT 0)");
            for (String id : new String[] {"a", "b", "c"}) {
                statement.execute("INSERT INTO sessiondb_session (id) VALUES ('" + StorageKeys.of(id) + "')");
            }
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    /** A node's buffer on the test database, which fails while {@link #databaseFails} is set. */
    private PendingVisits node() {
        PendingVisits visits = new PendingVisits();
        visits.versions = new RowVersions();
        visits.config = TestConfig.settings(Map.of("sessiondb.visits.flush-interval-ms", "1000"));
        visits.database = new SessionDatabase() {
            @Override
            public DataSource dataSource() {
                if (databaseFails) {
                    throw new SessionStoreException("down", new SQLException("connection refused"));
                }
                return h2;
            }

            @Override
            public Dialect dialect() {
                return Dialect.H2;
            }
        };
        return visits;
    }

    private long storedVisits(String id) throws SQLException {
        return column(id, "visits");
    }

    private long column(String id, String column) throws SQLException {
        try (Statement statement = keepAlive.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT " + column + " FROM sessiondb_session WHERE id = '" + StorageKeys.of(id) + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void stampsCountAtOnceAndReachTheRowOnlyWithTheFlush() throws SQLException {
        PendingVisits visits = node();

        assertThat(visits.stamp(StorageKeys.of("a"), 5, 1, 1_000)).isEqualTo(6);
        assertThat(visits.stamp(StorageKeys.of("a"), 5, 1, 2_000)).isEqualTo(7);
        assertThat(storedVisits("a")).isZero();

        assertThat(visits.flush()).isEqualTo(1);

        assertThat(storedVisits("a")).isEqualTo(2); // added to what the row held, not overwritten
        assertThat(column("a", "last_request_ms")).isEqualTo(2_000);
        assertThat(visits.flush()).isZero();
    }

    @Test
    void aRowReadJustBeforeAFlushStillCountsTheVisitsThatFlushWrote() throws SQLException {
        PendingVisits visits = node();
        assertThat(visits.stamp(StorageKeys.of("a"), 0, 1, 1_000)).isEqualTo(1);
        assertThat(visits.stamp(StorageKeys.of("a"), 0, 1, 2_000)).isEqualTo(2);

        visits.flush(); // the next request read the row before this committed: it saw 0 visits

        assertThat(visits.stamp(StorageKeys.of("a"), 0, 1, 3_000)).isEqualTo(3);
        visits.flush();
        assertThat(storedVisits("a")).isEqualTo(3);
    }

    @Test
    void twoNodesCountingOneSessionLoseNoVisit() throws SQLException {
        PendingVisits nodeA = node();
        PendingVisits nodeB = node();
        for (int i = 0; i < 7; i++) {
            nodeA.stamp(StorageKeys.of("b"), 0, 1, 1_000 + i);
        }
        for (int i = 0; i < 5; i++) {
            nodeB.stamp(StorageKeys.of("b"), 0, 1, 2_000 + i);
        }

        nodeB.flush();
        nodeA.flush();

        assertThat(storedVisits("b")).isEqualTo(12);
        assertThat(column("b", "last_request_ms")).isEqualTo(2_004); // the latest wins, whichever flushes last
    }

    @Test
    void visitsNotWrittenWhenTheDatabaseFailsAreWrittenByTheNextFlush() throws SQLException {
        PendingVisits visits = node();
        visits.stamp(StorageKeys.of("a"), 0, 1, 1_000);
        visits.stamp(StorageKeys.of("c"), 0, 3, 1_000);

        databaseFails = true;
        assertThatThrownBy(visits::flush).isInstanceOf(SessionStoreException.class);
        visits.stamp(StorageKeys.of("a"), 0, 1, 2_000);
        databaseFails = false;

        assertThat(visits.flush()).isEqualTo(2);
        assertThat(storedVisits("a")).isEqualTo(2);
        assertThat(storedVisits("c")).isEqualTo(3);
    }

    @Test
    void pendingVisitsFollowTheSessionToItsNewId() throws SQLException {
        PendingVisits visits = node();
        visits.stamp(StorageKeys.of("a"), 0, 1, 1_000);
        visits.stamp(StorageKeys.of("a"), 0, 1, 2_000);

        visits.moved("a", "b");
        visits.flush();

        assertThat(storedVisits("a")).isZero();
        assertThat(storedVisits("b")).isEqualTo(2);
    }
}
