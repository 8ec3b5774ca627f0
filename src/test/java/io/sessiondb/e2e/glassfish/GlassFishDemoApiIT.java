package io.sessiondb.e2e.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.e2e.DemoApiContract;
import io.sessiondb.e2e.DemoServer;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.PostgreSQLOnly;
import io.sessiondb.testing.RequiresTestDatabase;
import io.sessiondb.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo API tests against the unchanged WAR on GlassFish 7 (the full server), its sessions in
 * PostgreSQL through a datasource created with asadmin. One GlassFish for the class; one test restarts it.
 */
@PostgreSQLOnly
@ExtendWith(RequiresTestDatabase.class)
class GlassFishDemoApiIT extends DemoApiContract {

    @RegisterExtension
    static final GlassFishServer server = GlassFishServer.onTestDatabase("sessiondb_glassfish");

    @Override
    protected DemoServer server() {
        return server;
    }

    @Test
    void sessionsAreRowsInThePostgreSQLDatabaseBehindTheServerDatasource() throws SQLException {
        long cartsBefore = countCarts();
        HttpSessionClient visitor = server.visitor();

        assertThat(visitor.addItem("plum").status()).isEqualTo(201);

        // the prod profile has no database of its own: the row can only have come through the server's datasource
        assertThat(countCarts()).isEqualTo(cartsBefore + 1);
    }

    private static long countCarts() throws SQLException {
        try (Connection connection = TestDatabase.POSTGRESQL.connect(server.database());
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT COUNT(*) FROM sessiondb_attribute WHERE name = 'cart'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
