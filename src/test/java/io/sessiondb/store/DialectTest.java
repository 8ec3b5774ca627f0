package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void eachSupportedDatabaseHasItsFolder() {
        assertThat(Dialect.of("H2").migrationFolder()).isEqualTo("h2");
        assertThat(Dialect.of("PostgreSQL").migrationFolder()).isEqualTo("postgresql");
        assertThat(Dialect.of("MariaDB").migrationFolder()).isEqualTo("mariadb");
        assertThat(Dialect.of("MySQL")).isEqualTo(Dialect.MARIADB);
    }

    @Test
    void unsupportedDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> Dialect.of("Oracle"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Oracle");
    }

    @Test
    void everyFolderHoldsTheFirstMigration() {
        for (String folder : new String[] {"h2", "postgresql", "mariadb"}) {
            assertThat(DialectTest.class.getResource("/db/migration/" + folder + "/V1__session_tables.sql"))
                    .as(folder)
                    .isNotNull();
        }
    }

    @Test
    void everyFolderHoldsTheSameMigrationsButPostgresqlsChangeAnnouncements() throws Exception {
        Set<String> postgresql = migrations("postgresql");
        assertThat(postgresql)
                .contains("V3__session_lock.sql", "V6__change_notification.sql", "V9__announce_while_listened.sql");
        postgresql.removeAll(Set.of("V6__change_notification.sql", "V9__announce_while_listened.sql"));
        assertThat(postgresql).isEqualTo(migrations("h2"));
        assertThat(migrations("mariadb")).isEqualTo(migrations("h2"));
    }

    private static Set<String> migrations(String folder) throws Exception {
        Path dir =
                Path.of(DialectTest.class.getResource("/db/migration/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        }
    }
}
