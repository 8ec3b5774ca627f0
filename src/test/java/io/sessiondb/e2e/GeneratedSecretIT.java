package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.EveryDatabase;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application that configures no secret ({@link ShopApplication}, nothing but a database) signs its cookies
 * with the secret SessionDB generated and keeps in its database; configuring secrets later signs nobody out.
 */
@EveryDatabase
class GeneratedSecretIT {

    private static final String DATABASE = "sessiondb_generated_secret";
    private static final String CONFIGURED = "the-first-configured-secret-0123456789abcdef";

    @RegisterExtension
    static final PayaraMicroServer server = database(
            PayaraMicroServer.named("GeneratedSecretIT").deploying(ShopApplication.war(), ShopApplication.READY_PATH));

    /** On H2 a database the test JVM serves, so the test reads the secret while the server runs. */
    private static PayaraMicroServer database(PayaraMicroServer server) {
        return TestDatabase.selected().isEmbedded() ? server.withH2ServedByTheTest() : server.onTestDatabase(DATABASE);
    }

    @Test
    void theGeneratedSecretSignsUntilSecretsAreConfiguredAndThenStillVerifies() throws Exception {
        HttpSessionClient shopper = server.visitor();
        assertThat(shopper.post("/shop").body()).startsWith("views=1 ");
        String generated = storedSecret();

        assertThat(generated).hasSize(43);
        assertThat(signature(shopper))
                .isEqualTo(hmac(generated, shopper.sessionId().orElseThrow()));
        assertThat(server.log()).contains("signed with the secret SessionDB generated for this database");

        server.withEnv("SESSIONDB_SECRETS", CONFIGURED).restart();

        ApiResponse after = shopper.post("/shop");
        assertThat(after.body()).as("the same session").startsWith("views=2 ");
        assertThat(after.sessionCookie()).as("its cookie still verifies").isEmpty();
        HttpSessionClient newcomer = server.visitor();
        newcomer.post("/shop");
        assertThat(signature(newcomer))
                .isEqualTo(hmac(CONFIGURED, newcomer.sessionId().orElseThrow()));
        assertThat(storedSecret()).as("kept, not replaced").isEqualTo(generated);
        assertThat(server.log()).contains("the secret SessionDB generated before still verifies");
    }

    private static String storedSecret() throws SQLException {
        try (Connection connection = server.h2() != null
                        ? server.h2().connect()
                        : TestDatabase.selected().connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT secret FROM sessiondb_secret")) {
            assertThat(row.next()).as("one row").isTrue();
            String secret = row.getString(1);
            assertThat(row.next()).as("only one row").isFalse();
            return secret;
        }
    }

    private static String signature(HttpSessionClient visitor) {
        String value = visitor.cookieValue().orElseThrow();
        return value.substring(value.indexOf('.') + 1);
    }

    private static String hmac(String secret, String sessionId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(sessionId.getBytes(StandardCharsets.US_ASCII)));
    }
}
