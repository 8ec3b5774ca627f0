package io.sessiondb.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
            report(database.displayName() + ": tested (embedded)");
        } else if (database.isAvailable()) {
            System.setProperty(IT_DB_URL, database.recreate(IT_DATABASE));
            report(database.displayName() + ": tested (" + database.url(IT_DATABASE) + ")");
        } else {
            System.setProperty(IT_DB_URL, "unavailable");
            report(database.unavailableReason());
        }
    }

    /** Into the test output and target/tested-database-<name>.txt, which .ci/run prints at its end. */
    private static void report(String line) {
        System.out.println("[sessiondb] " + line);
        String war = System.getProperty("sessiondb.war");
        if (war == null) {
            return;
        }
        try {
            String name = TestDatabase.selected().name().toLowerCase(Locale.ROOT);
            Files.writeString(
                    Path.of(war).toAbsolutePath().resolveSibling("tested-database-" + name + ".txt"),
                    line + System.lineSeparator());
        } catch (IOException e) {
            System.out.println("[sessiondb] could not record the tested database: " + e);
        }
    }
}
