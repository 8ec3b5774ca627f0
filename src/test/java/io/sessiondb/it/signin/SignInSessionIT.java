package io.sessiondb.it.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.it.StatementLog;
import io.sessiondb.it.TestDeployments;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import jakarta.annotation.Resource;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A sign-in kept by the session, seen from the inside: what the session row holds, and the statements a
 * request costs. The user signs in through {@link SessionKeepingMechanism}, an {@code @AutoApplySession}
 * mechanism, which SessionDB's interceptor runs before any filter; the session it loads there must be the
 * one the application gets, so a signed-in request is still one SELECT.
 */
@ExtendWith(ArquillianExtension.class)
@ResourceLock(TestDeployments.ARQUILLIAN)
class SignInSessionIT {

    private static final String ALICE_STORED = "{\"name\":\"alice\",\"groups\":[\"customer\",\"tester\"]}";

    @Deployment
    static WebArchive deployment() {
        return TestDeployments.withOwnMechanism("sessiondb-sign-in-it.war", SignInSessionIT.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = "java:app/jdbc/sessiondb")
    DataSource dataSource;

    HttpSessionClient browser;

    @BeforeEach
    void newBrowser() {
        URI uri = URI.create(base.toString());
        browser = HttpSessionClient.withCookieJar(() -> uri);
    }

    @Test
    void aSignedInRequestLoadsItsSessionOnceForTheSignInAndTheApplication() {
        signIn("alice");
        browser.post("page?op=note&value=n1");
        StatementLog.clear();

        ApiResponse page = browser.get("page?op=read");

        assertThat(page.body()).isEqualTo("user=alice note=n1");
        assertThat(StatementLog.all()).singleElement().asString().startsWithIgnoringCase("SELECT");
    }

    @Test
    void signingInChangesTheIdAndStoresTheCallerWithTheirGroups() throws SQLException {
        browser.post("page?op=note&value=before");
        String anonymousId = browser.sessionId().orElseThrow();

        assertThat(signIn("alice").body()).isEqualTo("user=alice note=before");

        String aliceId = browser.sessionId().orElseThrow();
        assertThat(aliceId).isNotEqualTo(anonymousId);
        assertThat(column("signed_in", aliceId)).isEqualTo(ALICE_STORED);
        assertThat(column("principal_name", aliceId)).isEqualTo("alice");
        assertThat(rows(anonymousId)).as("rows under the id from before").isZero();
    }

    @Test
    void aSignInOnTheFirstRequestStoresASessionThatHoldsNothingElse() throws SQLException {
        assertThat(signIn("alice").body()).isEqualTo("user=alice note=null");

        String id = browser.sessionId().orElseThrow();
        assertThat(column("signed_in", id)).isEqualTo(ALICE_STORED);
        assertThat(browser.get("page?op=read").body()).isEqualTo("user=alice note=null");
    }

    @Test
    void logoutForgetsTheCallerAndKeepsTheSession() throws SQLException {
        signIn("alice");
        browser.post("page?op=note&value=kept");
        String id = browser.sessionId().orElseThrow();

        assertThat(browser.post("page?op=logout").body()).isEqualTo("user=null note=kept");

        assertThat(column("signed_in", id)).isNull();
        assertThat(column("principal_name", id)).isNull();
        assertThat(browser.get("page?op=read").body()).isEqualTo("user=null note=kept");
    }

    @Test
    void aRequestWithACookieLoadsItsSessionForTheSignInEvenWhenThePageNeverAsksForIt() {
        browser.post("page?op=note&value=n1");
        StatementLog.clear();

        browser.get("page?op=nothing");

        assertThat(StatementLog.all()).singleElement().asString().startsWithIgnoringCase("SELECT");
    }

    @Test
    void aRequestWithoutACookieDoesNoSessionWork() {
        StatementLog.clear();

        browser.get("page?op=nothing");

        assertThat(StatementLog.all()).isEmpty();
    }

    private ApiResponse signIn(String user) {
        ApiResponse response = browser.post("signin?user=" + user);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response;
    }

    /** A column of the session row of this id. */
    private String column(String name, String sessionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT " + name + " FROM sessiondb_session WHERE id = ?")) {
            statement.setString(1, StorageKeys.of(sessionId));
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("a session row for %s", sessionId).isTrue();
                return row.getString(1);
            }
        }
    }

    private long rows(String sessionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM sessiondb_session WHERE id = ?")) {
            statement.setString(1, StorageKeys.of(sessionId));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
