package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationFolderTest {

    @Test
    void eachSupportedDatabaseHasItsFolder() {
        assertThat(MigrationFolder.of("H2")).isEqualTo("h2");
        assertThat(MigrationFolder.of("PostgreSQL")).isEqualTo("postgresql");
        assertThat(MigrationFolder.of("MariaDB")).isEqualTo("mariadb");
        assertThat(MigrationFolder.of("MySQL")).isEqualTo("mariadb");
    }

    @Test
    void unsupportedDatabaseIsRefusedByName() {
        assertThatThrownBy(() -> MigrationFolder.of("Oracle"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Oracle");
    }

    @Test
    void everyFolderHoldsTheFirstMigration() {
        for (String folder : new String[] {"h2", "postgresql", "mariadb"}) {
            assertThat(MigrationFolderTest.class.getResource("/db/migration/" + folder + "/V1__session_tables.sql"))
                    .as(folder)
                    .isNotNull();
        }
    }
}
