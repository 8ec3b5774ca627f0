package io.sessiondb.store;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.config.TestConfig;
import io.sessiondb.cookie.SigningKeys;
import io.sessiondb.cookie.TestCookies;
import io.sessiondb.operations.metrics.SessionMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * SessionDB's store on a real database outside a container, wired by hand: a fresh in-memory H2 with the
 * migrated schema, and the repository the requests use. What a test stores is then what a database did
 * with the statements, not what a mock was told.
 */
public final class TestStore {

    private final DataSource dataSource;
    private final SqlSessionRepository repository;

    private TestStore(DataSource dataSource) {
        this.dataSource = dataSource;
        SessionDatabase database = SessionDatabase.of(dataSource);
        SchemaMigrator migrator = new SchemaMigrator();
        migrator.config = TestConfig.settings();
        migrator.database = database;
        migrator.migrate();
        repository = new SqlSessionRepository();
        repository.database = database;
        repository.versions = new RowVersions();
        repository.pendingVisits = new PendingVisits();
        repository.metrics = new SessionMetrics();
    }

    /** A new, empty in-memory H2 database, kept until the JVM ends. */
    public static TestStore h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new TestStore(dataSource);
    }

    /** The store on the empty database behind {@code dataSource}, which it migrates. */
    public static TestStore on(DataSource dataSource) {
        return new TestStore(dataSource);
    }

    /** The signing secrets a node on this database reads, with {@code overrides} of the shipped configuration. */
    public SigningKeys signingKeys(Map<String, String> overrides) {
        return TestCookies.onDatabase(TestConfig.settings(overrides), repository.database);
    }

    public SessionRepository repository() {
        return repository;
    }

    /** The session database the repository uses, for the parts of a node that reach it themselves. */
    public SessionDatabase database() {
        return repository.database;
    }

    /** The repository of another node on the same database: its own versions, pending visits and metrics. */
    public SessionRepository anotherNode() {
        SqlSessionRepository node = new SqlSessionRepository();
        node.database = repository.database;
        node.versions = new RowVersions();
        node.pendingVisits = new PendingVisits();
        node.metrics = new SessionMetrics();
        return node;
    }

    /** Stores a new session of nobody, as its first save would, with {@code attributes} (serialized by name). */
    public void insert(String sessionId, int timeoutSeconds, Map<String, Object> attributes) {
        Map<String, byte[]> serialized = new HashMap<>();
        attributes.forEach((name, value) -> serialized.put(name, AttributeCodec.serialize(name, value)));
        repository.save(new SessionWrite(
                sessionId,
                true,
                0,
                new SessionWrite.RowValues(
                        System.currentTimeMillis(), timeoutSeconds, null, null, System.currentTimeMillis(), 0, 0, null),
                Set.of(),
                serialized,
                Map.of(),
                Set.of()));
    }

    /** Runs one update statement, as another node or an operator would; returns the rows changed. */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of a query's first row, or null when it has none. */
    public Object value(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A column of the row of the session with this id, or null when there is no such row. */
    public Object sessionColumn(String sessionId, String column) {
        return value("SELECT " + column + " FROM sessiondb_session WHERE id = ?", StorageKeys.of(sessionId));
    }

    /** Whether a row for this session id exists, live or not. */
    public boolean rowExists(String sessionId) {
        return value("SELECT COUNT(*) FROM sessiondb_session WHERE id = ?", StorageKeys.of(sessionId))
                        instanceof Number n
                && n.longValue() > 0;
    }

    /** A stored attribute's value, deserialized through {@code limits}' allowlist, or null when not stored. */
    public Object attribute(String sessionId, String name, AttributeLimits limits) {
        Object bytes = value(
                "SELECT value_bytes FROM sessiondb_attribute WHERE session_id = ? AND name = ?",
                StorageKeys.of(sessionId),
                name);
        return bytes == null ? null : AttributeCodec.deserialize(name, (byte[]) bytes, limits);
    }
}
