package io.sessiondb.it;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Records every SQL statement SessionDB sends, so tests can count round trips and rows touched; and, when
 * armed, makes the next write fail at its commit (or, for a statement that commits by itself, instead of
 * running), after which the database holds what it held before. A JDBC driver for URLs {@value #PREFIX}
 * followed by the real URL (arquillian.xml), which hands each connection of the real driver out wrapped.
 */
public class StatementLog implements Driver {

    static final String PREFIX = "jdbc:sessiondb-log:";

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean FAIL_NEXT_COMMIT = new AtomicBoolean();
    private static final Pattern WRITE = Pattern.compile("^\\s*(insert|update|delete|merge|with)\\b");

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String realUrl = url.substring(PREFIX.length());
        for (Driver driver : ServiceLoader.load(Driver.class, StatementLog.class.getClassLoader())) {
            if (!(driver instanceof StatementLog) && driver.acceptsURL(realUrl)) {
                Connection connection = driver.connect(realUrl, info);
                return connection == null ? null : logged(connection);
            }
        }
        throw new SQLException("No JDBC driver accepts " + realUrl);
    }

    private static Connection logged(Connection connection) {
        AtomicBoolean wroteInTransaction = new AtomicBoolean();
        return proxy(Connection.class, connection, (method, args) -> {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    String sql = (String) args[0];
                    PreparedStatement statement = (PreparedStatement) method.invoke(connection, args);
                    return proxy(PreparedStatement.class, statement, (executed, executeArgs) -> {
                        if (executed.getName().startsWith("execute")) {
                            record(connection, sql, wroteInTransaction);
                        }
                        return executed.invoke(statement, executeArgs);
                    });
                }
                case "createStatement" -> {
                    Statement statement = (Statement) method.invoke(connection, args);
                    return proxy(Statement.class, statement, (executed, executeArgs) -> {
                        if (executed.getName().startsWith("execute") && executeArgs != null) {
                            record(connection, (String) executeArgs[0], wroteInTransaction);
                        }
                        return executed.invoke(statement, executeArgs);
                    });
                }
                case "commit" -> {
                    if (wroteInTransaction.getAndSet(false) && FAIL_NEXT_COMMIT.compareAndSet(true, false)) {
                        connection.rollback();
                        throw new SQLException("commit refused by the test");
                    }
                    return method.invoke(connection, args);
                }
                case "rollback" -> {
                    wroteInTransaction.set(false);
                    return method.invoke(connection, args);
                }
                default -> {
                    return method.invoke(connection, args);
                }
            }
        });
    }

    private static void record(Connection connection, String sql, AtomicBoolean wroteInTransaction)
            throws SQLException {
        STATEMENTS.add(sql);
        if (WRITE.matcher(sql.toLowerCase(Locale.ROOT)).find()) {
            if (!connection.getAutoCommit()) {
                wroteInTransaction.set(true);
            } else if (FAIL_NEXT_COMMIT.compareAndSet(true, false)) {
                throw new SQLException("commit refused by the test");
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    /** The next write fails to commit, as when the database refuses it at the end. */
    public static void failNextCommit() {
        FAIL_NEXT_COMMIT.set(true);
    }

    public static void clear() {
        STATEMENTS.clear();
    }

    public static List<String> all() {
        return List.copyOf(STATEMENTS);
    }

    /**
     * Statements of one kind on one table, e.g. {@code count("UPDATE", "sessiondb_attribute")}; each part of
     * a statement of several ({@code WITH ... AS (UPDATE ...)}, PostgreSQL's one-statement save) counts.
     */
    public static long count(String verb, String table) {
        Pattern part = Pattern.compile("(^|\\(|\\s)" + verb.toLowerCase(Locale.ROOT) + "\\s+(into\\s+|from\\s+)?"
                + table.toLowerCase(Locale.ROOT) + "\\b");
        return STATEMENTS.stream()
                .map(sql -> sql.toLowerCase(Locale.ROOT).strip())
                .mapToLong(sql -> part.matcher(sql).results().count())
                .sum();
    }

    /** Statements that insert or replace attribute rows: the dialect's upsert (INSERT ... or MERGE). */
    public static long attributeWrites() {
        return count("INSERT", "sessiondb_attribute")
                + count("MERGE", "sessiondb_attribute")
                + count("UPDATE", "sessiondb_attribute");
    }

    /** Statements that write: INSERT, UPDATE, DELETE, MERGE or a WITH that does. */
    public static List<String> writes() {
        return STATEMENTS.stream()
                .filter(sql -> WRITE.matcher(sql.toLowerCase(Locale.ROOT)).find())
                .toList();
    }
}
