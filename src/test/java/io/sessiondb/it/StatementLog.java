package io.sessiondb.it;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records every SQL statement EclipseLink sends for the session persistence unit (registered through
 * the test persistence.xml), so tests can count round trips and rows touched; and, when armed, makes
 * the transaction of the next write fail at commit, after its statements succeeded.
 */
public class StatementLog extends SessionEventAdapter {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean FAIL_NEXT_COMMIT = new AtomicBoolean();

    @Override
    public void postExecuteCall(SessionEvent event) {
        if (event.getCall() instanceof DatabaseCall call) {
            STATEMENTS.add(call.getSQLString());
            if (!call.getSQLString().strip().toLowerCase(Locale.ROOT).startsWith("select")
                    && FAIL_NEXT_COMMIT.compareAndSet(true, false)) {
                failCommitOfCurrentTransaction();
            }
        }
    }

    /** The next transaction that writes fails to commit, as when the database refuses it at the end. */
    public static void failNextCommit() {
        FAIL_NEXT_COMMIT.set(true);
    }

    /**
     * A participant that throws before completion makes the transaction manager roll back and report it
     * from commit(), the way a failed commit reaches the application.
     */
    private static void failCommitOfCurrentTransaction() {
        try {
            TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry)
                    new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
                throw new IllegalStateException("a write outside an active transaction");
            }
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    throw new IllegalStateException("commit refused by the test");
                }

                @Override
                public void afterCompletion(int status) {}
            });
        } catch (NamingException e) {
            throw new IllegalStateException(e);
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
