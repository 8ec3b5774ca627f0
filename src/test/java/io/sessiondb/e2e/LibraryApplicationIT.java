package io.sessiondb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.testing.AdminCredentials;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import io.sessiondb.testing.SetCookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application of someone else's ({@link ShopApplication}) that adds the SessionDB library and
 * nothing else: no code, no web.xml entry, no setting for its own classes. Its sessions are SessionDB's, before
 * its own filter runs, and its own persistence unit keeps working. (That such an application's own {@code
 * @SessionScoped} bean survives a restart, {@link ZeroConfigurationIT} shows.)
 */
class LibraryApplicationIT {

    private static final String STORED_SESSION = "io.sessiondb.session.StoredSession";

    @RegisterExtension
    static final PayaraMicroServer server = PayaraMicroServer.named("LibraryApplicationIT")
            .deploying(ShopApplication.war(), ShopApplication.READY_PATH);

    @Test
    void theApplicationsServletGetsADatabaseSessionAndNoContainerSession() {
        HttpSessionClient shopper = server.visitor();
        ApiResponse first = shopper.post("/shop");
        ApiResponse second = shopper.post("/shop");

        assertThat(first.body()).isEqualTo("views=1 basket=1 session=" + STORED_SESSION);
        assertThat(second.body()).isEqualTo("views=2 basket=2 session=" + STORED_SESSION);
        assertThat(first.sessionCookie()).isPresent();
        for (ApiResponse response : new ApiResponse[] {first, second}) {
            assertThat(response.setCookies()).extracting(SetCookie::name).doesNotContain("JSESSIONID");
        }
    }

    /**
     * With visit stamps on (SessionDB's default) but sessions not created for them (also the default), a
     * request that never asks for a session, a crawler's, gets no cookie and stores nothing.
     */
    @Test
    void aCrawlersRequestGetsNoSessionAndStoresNothing() {
        server.visitor().post("/shop");
        double savesBefore = PrometheusText.of(server.visitor()).value("sessiondb_session_saves_total");

        ApiResponse crawled = server.visitor().get(ShopApplication.READY_PATH);

        assertThat(crawled.status()).isEqualTo(200);
        assertThat(crawled.sessionCookie()).isEmpty();
        assertThat(PrometheusText.of(server.visitor()).value("sessiondb_session_saves_total"))
                .isEqualTo(savesBefore);
    }

    /** The shop's web.xml makes its session cookie last a day; SessionDB's cookie keeps that. */
    @Test
    void theApplicationsCookieConfigurationShapesTheSessionCookie() {
        SetCookie cookie = server.visitor().post("/shop").sessionCookie().orElseThrow();

        assertThat(cookie.attribute("Max-Age")).hasValue("86400");
        assertThat(cookie.has("HttpOnly")).isTrue();
    }

    @Test
    void theApplicationsOwnFilterAlreadySeesTheDatabaseSession() {
        HttpSessionClient shopper = server.visitor();
        shopper.get("/shop");
        ApiResponse response = shopper.get("/shop");

        assertThat(response.firstHeader("X-Audit-Session")).hasValue(STORED_SESSION);
    }

    @Test
    void theApplicationsOwnPersistenceUnitWithoutAUnitNameKeepsWorking() {
        HttpSessionClient shopper = server.visitor();
        long before = orders(shopper.post("/orders?item=apple"));
        assertThat(orders(shopper.post("/orders?item=pear"))).isEqualTo(before + 1);
    }

    /**
     * Listeners declared in web.xml or by {@code @WebListener}, not CDI beans, hear SessionDB's sessions as
     * they would the container's, each event once (the Servlet TCK's listener tests declare theirs so).
     */
    @Test
    void theApplicationsDeclaredSessionListenersHearItsSessions() {
        HttpSessionClient shopper = server.visitor();
        shopper.post("/shop");
        shopper.post("/shop");

        List<String> heard = shopper.delete("/session-events").body().lines().toList();

        assertThat(heard)
                .containsOnlyOnce(
                        "web.xml created",
                        "@WebListener created",
                        "web.xml added:views",
                        "web.xml replaced:views",
                        "web.xml destroyed",
                        "@WebListener destroyed")
                .containsSubsequence(
                        "web.xml created", "web.xml added:views", "web.xml replaced:views", "web.xml destroyed");
    }

    /**
     * What the library adds for operators comes with it: metrics, health and lifecycle lines. The admin API and
     * the users' own-sessions list stay off, their paths the application's, until it configures them; the
     * embedded database says once that it is for one node.
     */
    @Test
    void theApplicationGetsMetricsHealthAndLifecycleLinesAndNoAdminApiUnlessItConfiguresOne() {
        HttpSessionClient shopper = server.visitor();
        shopper.post("/shop");
        String fingerprint = OperationsServer.fingerprint(shopper);

        ApiResponse admin = server.visitor().get("/api/admin/sessions/" + fingerprint, AdminCredentials.DEMO.header());
        ApiResponse ownSessions = shopper.get("/api/me/sessions");

        assertThat(admin.status()).as(admin.toString()).isEqualTo(404);
        assertThat(admin.body()).doesNotContain(fingerprint).doesNotContain("SessionDB");
        assertThat(ownSessions.status()).as(ownSessions.toString()).isEqualTo(404);
        assertThat(PrometheusText.of(server.visitor()).value("sessiondb_session_saves_total"))
                .isPositive();
        assertThat(server.visitor().get("/health/ready").status()).isEqualTo(200);
        assertThat(server.log())
                .contains("session=" + fingerprint + " event=created principal=-")
                .contains("The SessionDB admin API is off")
                .doesNotContain("SessionDB profile");
        assertThat(server.log().split("for one node only", -1))
                .as("the embedded database's warning, once")
                .hasSize(2);
    }

    private static long orders(ApiResponse response) {
        assertThat(response.body()).startsWith("orders=");
        return Long.parseLong(response.body().substring("orders=".length()));
    }
}
