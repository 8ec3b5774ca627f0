package io.sessiondb.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class whose outcome depends on the database, so it runs on each database of the build (H2, PostgreSQL,
 * MariaDB: the pom's Failsafe executions select it by its tag), against the run's {@link TestDatabase}; skipped
 * when that database has no server here. It depends on the database when it checks SQL that differs by dialect,
 * the database's types, clock, locks or transactions, or what survives a crash. Classes without this or {@link
 * PostgreSQLOnly}, which check HTTP, CDI or sign-in behaviour above the store, run on H2 only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(EveryDatabase.TAG)
@ExtendWith(RequiresTestDatabase.class)
public @interface EveryDatabase {
    String TAG = "every-database";
}
