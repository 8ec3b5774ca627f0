package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.SetCookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sessiondb.enabled=false}: the same WAR on the container's own memory sessions, the baseline the
 * benchmark compares SessionDB with. Nothing of SessionDB's session reaches the client, and the demo
 * works as before, visit stamps included.
 */
class PassThroughIT {

    @RegisterExtension
    static final PayaraMicroServer server =
            PayaraMicroServer.named("PassThroughIT").withEnv("SESSIONDB_ENABLED", "false");

    @Test
    void theContainersSessionCarriesTheDemoAndItsVisitStamps() {
        HttpSessionClient visitor = server.visitor();

        ApiResponse added = visitor.addItem("apple");
        ApiResponse session = visitor.get("/api/session");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.sessionCookie()).as("no SessionDB cookie").isEmpty();
        assertThat(added.setCookies()).extracting(SetCookie::name).containsExactly("JSESSIONID");
        assertThat(visitor.get("/api/cart").items()).containsExactly("apple");
        assertThat(session.json().getInt("visits")).isEqualTo(2);
        assertThat(visitor.post("/api/counter").json().getInt("count")).isEqualTo(1);
        assertThat(visitor.post("/api/counter").json().getInt("count")).isEqualTo(2);
    }
}
