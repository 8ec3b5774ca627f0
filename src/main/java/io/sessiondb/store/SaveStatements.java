package io.sessiondb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of one save ({@link SessionRepository#save}): a new session's row inserted with its
 * attributes, or a stored session's row written on top of the version the save is based on, with its
 * changed attributes only if the row was. One statement on PostgreSQL; elsewhere one statement when only
 * the row changes, else the row's statement and the attributes' in one local transaction.
 */
final class SaveStatements {

    private final SqlWork sql;
    private final Dialect dialect;
    private final String key;
    private final SessionWrite write;

    SaveStatements(SqlWork sql, Dialect dialect, String key, SessionWrite write) {
        this.sql = sql;
        this.dialect = dialect;
        this.key = key;
        this.write = write;
    }

    boolean insert(long version) {
        Map<String, byte[]> attributes = written();
        if (attributes.isEmpty()) {
            return sql.update("save a new session", dialect.insertSessionSql(), statement -> {
                        bindInsert(statement, version);
                    })
                    == 1;
        }
        if (dialect.savesInOneStatement()) {
            return saveInOneStatement("save a new session", dialect.insertSessionSql(), statement -> {
                bindInsert(statement, version);
                return 14;
            });
        }
        return sql.inTransaction("save a new session", connection -> {
            SqlWork.update(connection, dialect.insertSessionSql(), statement -> {
                bindInsert(statement, version);
            });
            writeAttributes(connection);
            return true;
        });
    }

    boolean update(long version) {
        if (!write.writesAttributes()) {
            return sql.update("save a session", dialect.updateSessionSql(), statement -> {
                        bindUpdate(statement, version);
                    })
                    == 1;
        }
        if (dialect.savesInOneStatement()) {
            return saveInOneStatement("save a session", dialect.updateSessionSql(), statement -> {
                bindUpdate(statement, version);
                return 12;
            });
        }
        return sql.inTransaction("save a session", connection -> {
            int rows = SqlWork.update(connection, dialect.updateSessionSql(), statement -> {
                bindUpdate(statement, version);
            });
            if (rows == 0) {
                return false; // changed or ended meanwhile: nothing written
            }
            writeAttributes(connection);
            return true;
        });
    }

    /** The next parameter's index after the row statement's. */
    @FunctionalInterface
    private interface RowParameters {
        int set(PreparedStatement statement) throws SQLException;
    }

    private boolean saveInOneStatement(String action, String rowSql, RowParameters row) {
        Map<String, byte[]> attributes = written();
        String statementSql = Dialect.saveSql(rowSql, write.removedAttributes().size(), attributes.size());
        List<Object[]> rows = sql.rows(action, statementSql, statement -> {
            int index = row.set(statement);
            for (String name : write.removedAttributes()) {
                statement.setString(index++, name);
            }
            for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
                statement.setString(index++, attribute.getKey());
                statement.setBytes(index++, attribute.getValue());
            }
        });
        return ((Number) rows.get(0)[0]).longValue() == 1;
    }

    /** Upserts, not insert-or-update: another request may have written the same new attribute. */
    private void writeAttributes(Connection connection) throws SQLException {
        Map<String, byte[]> attributes = written();
        if (!attributes.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(dialect.upsertAttributeSql())) {
                for (Map.Entry<String, byte[]> attribute : attributes.entrySet()) {
                    upsert.setString(1, key);
                    upsert.setString(2, attribute.getKey());
                    upsert.setBytes(3, attribute.getValue());
                    upsert.addBatch();
                }
                SqlWork.batch(upsert);
            }
        }
        Set<String> removed = write.removedAttributes();
        if (!removed.isEmpty()) {
            SqlWork.update(connection, Dialect.deleteAttributesSql(removed.size()), statement -> {
                statement.setString(1, key);
                int index = 2;
                for (String name : removed) {
                    statement.setString(index++, name);
                }
            });
        }
    }

    private Map<String, byte[]> written() {
        if (write.updatedAttributes().isEmpty()) {
            return write.insertedAttributes();
        }
        Map<String, byte[]> written = new HashMap<>(write.insertedAttributes());
        written.putAll(write.updatedAttributes());
        return written;
    }

    /** {@link Dialect#insertSessionSql()}'s 13 parameters. */
    private void bindInsert(PreparedStatement statement, long version) throws SQLException {
        SessionWrite.RowValues row = write.row();
        statement.setString(1, key);
        statement.setLong(2, row.createdMs());
        statement.setLong(3, row.createdMs());
        statement.setInt(4, row.maxInactiveSeconds());
        statement.setInt(5, row.maxInactiveSeconds());
        statement.setInt(6, row.maxInactiveSeconds());
        setText(statement, 7, row.principalName());
        setText(statement, 8, row.storedSignedIn());
        statement.setLong(9, version);
        statement.setLong(10, row.visits());
        if (row.lastRequestMs() == 0) {
            statement.setNull(11, Types.BIGINT);
        } else {
            statement.setLong(11, row.lastRequestMs());
        }
        setText(statement, 12, row.userAgent());
        setText(statement, 13, row.clientAddress());
    }

    /** {@link Dialect#updateSessionSql()}'s 11 parameters. */
    private void bindUpdate(PreparedStatement statement, long version) throws SQLException {
        SessionWrite.RowValues row = write.row();
        statement.setInt(1, row.maxInactiveSeconds());
        statement.setInt(2, row.maxInactiveSeconds());
        statement.setBoolean(3, write.changed(SessionWrite.RowField.TIMEOUT));
        statement.setInt(4, row.maxInactiveSeconds());
        statement.setBoolean(5, write.changed(SessionWrite.RowField.PRINCIPAL));
        setText(statement, 6, row.principalName());
        statement.setBoolean(7, write.changed(SessionWrite.RowField.SIGNED_IN));
        setText(statement, 8, row.storedSignedIn());
        statement.setLong(9, version);
        statement.setString(10, key);
        statement.setLong(11, write.baseVersion());
    }

    static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
