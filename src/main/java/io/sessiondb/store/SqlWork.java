package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import io.sessiondb.operations.metrics.SessionMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs plain JDBC work on the session database, turning its failures into {@link SessionStoreException}s:
 * each piece of work on a connection of its own, either one statement that commits by itself or several in
 * one local transaction. Every statement is counted for the request that sent it ({@link SessionMetrics}).
 */
final class SqlWork {

    /** Work on a connection. */
    @FunctionalInterface
    interface OnConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private final DataSource dataSource;

    SqlWork(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work whose every statement commits by itself. */
    <T> T autoCommitted(String action, OnConnection<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failed(action, e);
        }
    }

    /** Work in one local transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String action, OnConnection<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(action, e);
        }
    }

    /** Every row of a query, each as its columns' values. */
    List<Object[]> rows(String action, String sql, Parameters parameters) {
        return autoCommitted(action, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.set(statement);
                return rows(statement);
            }
        });
    }

    /** The number of rows an update or delete changed. */
    int update(String action, String sql, Parameters parameters) {
        return autoCommitted(action, connection -> update(connection, sql, parameters));
    }

    /** The first column of a query's one row: a COUNT, a SUM; null (a SUM of nothing) is 0. */
    long number(String action, String sql, Parameters parameters) {
        List<Object[]> rows = rows(action, sql, parameters);
        Object value = rows.isEmpty() ? null : rows.get(0)[0];
        return value == null ? 0 : ((Number) value).longValue();
    }

    static int update(Connection connection, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            SessionMetrics.statementSent();
            return statement.executeUpdate();
        }
    }

    /** Runs a statement's batch, one statement sent. */
    static void batch(PreparedStatement statement) throws SQLException {
        SessionMetrics.statementSent();
        statement.executeBatch();
    }

    static List<Object[]> rows(PreparedStatement statement) throws SQLException {
        SessionMetrics.statementSent();
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void rollBack(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static SessionStoreException failed(String action, SQLException e) {
        return new SessionStoreException("Could not " + action + ": the session database failed", e);
    }
}
