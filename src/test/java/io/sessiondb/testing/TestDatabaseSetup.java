package io.sessiondb.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once per test JVM, before any test: says which database this run tests, and for the in-container
 * tests prepares their database and publishes its URL as {@value #IT_DB_URL}, which arquillian.xml passes
 * to the server.
 */
public class TestDatabaseSetup implements LauncherSessionListener {

    public static final String IT_DB_URL = "sessiondb.it.db.url";
    private static final String IT_DATABASE = "sessiondb_it";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(IT_DB_URL) != null) {
            return;
        }
        TestDatabase database = TestDatabase.selected();
        if (database.isEmbedded()) {
            System.setProperty(IT_DB_URL, "jdbc:h2:mem:sessiondb-it;DB_CLOSE_DELAY=-1");
            System.out.println("[sessiondb] Testing on the embedded H2 database");
        } else if (database.isAvailable()) {
            System.setProperty(IT_DB_URL, database.recreate(IT_DATABASE));
            System.out.println("[sessiondb] Testing on " + database.displayName() + ": " + database.url(IT_DATABASE));
        } else {
            System.setProperty(IT_DB_URL, "unavailable");
            System.out.println("[sessiondb] " + database.unavailableReason());
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase database = TestDatabase.selected();
        if (!database.isEmbedded() && database.isAvailable()) {
            database.dropCreated();
        }
    }
}
