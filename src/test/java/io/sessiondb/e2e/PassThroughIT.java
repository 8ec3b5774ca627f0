package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sessiondb.enabled=false}: the same WAR on the container's own memory sessions, the baseline the
 * benchmark compares SessionDB with. Nothing of SessionDB's session reaches the client, and the demo
 * works as before, visit stamps included. A plain client: the tests' {@code HttpSessionClient} refuses
 * the container's session cookie, which is the point here.
 */
class PassThroughIT {

    @RegisterExtension
    static final PayaraMicroServer server =
            PayaraMicroServer.named("PassThroughIT").withEnv("SESSIONDB_ENABLED", "false");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http =
            HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void theContainersSessionCarriesTheDemoAndItsVisitStamps() throws Exception {
        HttpResponse<String> added = send(HttpRequest.newBuilder(server.uri("/api/cart/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"apple\"}")));

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(cookies.getCookieStore().getCookies())
                .extracting(HttpCookie::getName)
                .containsExactly("JSESSIONID");
        assertThat(json("/api/cart").getJsonArray("items").getString(0)).isEqualTo("apple");
        assertThat(json("/api/session").getInt("visits")).isEqualTo(3);
        assertThat(send(HttpRequest.newBuilder(server.uri("/api/counter")).POST(HttpRequest.BodyPublishers.noBody()))
                        .body())
                .contains("\"count\":1");
        assertThat(cookies.getCookieStore().getCookies())
                .extracting(HttpCookie::getName)
                .containsExactly("JSESSIONID");
    }

    private JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri(path)));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
