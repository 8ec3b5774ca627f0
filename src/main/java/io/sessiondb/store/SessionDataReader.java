package io.sessiondb.store;

import io.sessiondb.SessionStoreException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the rows of {@link Dialect#findLiveSql()} into a {@link SessionData}: the session's columns
 * repeat on every row, each row adds one attribute. The drivers differ in the Java types they give for
 * the same column (numbers, large objects), so every value is converted here.
 */
final class SessionDataReader {

    private SessionDataReader() {}

    static Optional<SessionData> toData(String key, List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, byte[]> attributes = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            if (columns[11] != null) {
                attributes.put(text(columns[11]), bytes(columns[12]));
            }
        }
        Object[] session = (Object[]) rows.get(0);
        return Optional.of(new SessionData(
                key,
                number(session[0]),
                number(session[1]),
                (int) number(session[2]),
                text(session[3]),
                SignedInCaller.fromStored(text(session[4])),
                attributes,
                session[5] == null ? null : number(session[5]),
                number(session[6]),
                session[7] == null ? null : number(session[7]),
                number(session[8]),
                number(session[9]),
                number(session[10])));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static String text(Object value) {
        try {
            return value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : (String) value;
        } catch (SQLException e) {
            throw new SessionStoreException("Could not read a session's text column", e);
        }
    }

    private static byte[] bytes(Object value) {
        try {
            return value instanceof Blob blob ? blob.getBytes(1, (int) blob.length()) : (byte[]) value;
        } catch (SQLException e) {
            throw new SessionStoreException("Could not read a session attribute's bytes", e);
        }
    }
}
