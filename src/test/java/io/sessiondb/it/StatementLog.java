package io.sessiondb.it;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records every SQL statement EclipseLink sends for the session persistence unit (registered through
 * the test persistence.xml), so tests can count round trips and rows touched.
 */
public class StatementLog extends SessionEventAdapter {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public void postExecuteCall(SessionEvent event) {
        if (event.getCall() instanceof DatabaseCall call) {
            STATEMENTS.add(call.getSQLString());
        }
    }

    public static void clear() {
        STATEMENTS.clear();
    }

    public static List<String> all() {
        return List.copyOf(STATEMENTS);
    }

    /** Statements of one kind on one table, e.g. {@code count("UPDATE", "sessiondb_attribute")}. */
    public static long count(String verb, String table) {
        return STATEMENTS.stream()
                .map(sql -> sql.toLowerCase(Locale.ROOT).strip())
                .filter(sql -> sql.startsWith(verb.toLowerCase(Locale.ROOT)))
                .filter(sql -> sql.contains(table.toLowerCase(Locale.ROOT)))
                .count();
    }

    /** Statements that insert or replace attribute rows: the dialect's upsert (INSERT ... or MERGE). */
    public static long attributeWrites() {
        return count("INSERT", "sessiondb_attribute")
                + count("MERGE", "sessiondb_attribute")
                + count("UPDATE", "sessiondb_attribute");
    }

    /** Statements that write: INSERT, UPDATE or DELETE. */
    public static List<String> writes() {
        return STATEMENTS.stream()
                .filter(sql -> !sql.strip().toLowerCase(Locale.ROOT).startsWith("select"))
                .toList();
    }
}
