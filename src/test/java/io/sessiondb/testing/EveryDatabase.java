package io.sessiondb.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs on each database of the build (H2, PostgreSQL, MariaDB: the pom's Failsafe
 * executions select it by its tag), against the run's {@link TestDatabase}; skipped when that database
 * has no server here. Classes without this or {@link PostgreSQLOnly} run on H2 only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(EveryDatabase.TAG)
@ExtendWith(RequiresTestDatabase.class)
public @interface EveryDatabase {
    String TAG = "every-database";
}
