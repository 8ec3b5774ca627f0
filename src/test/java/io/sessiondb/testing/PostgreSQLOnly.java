package io.sessiondb.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that needs PostgreSQL: the machine's server (then also {@code @ExtendWith(}{@link
 * RequiresTestDatabase}{@code )}) or one of its own. It runs in the build's postgresql execution only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(PostgreSQLOnly.TAG)
public @interface PostgreSQLOnly {
    String TAG = "postgresql";
}
