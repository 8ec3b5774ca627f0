package io.sessiondb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessiondb.session.StoredSession;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code HttpSession} contract and the lifecycle events, as an application inside Payara Micro sees
 * them through the session filter, over real HTTP with real cookies. Run by {@link InContainerIT}.
 */
interface SessionContractTests extends ContainerTest {

    // as arquillian.xml configures the server: the first signs, both verify
    String CURRENT_SECRET = "it-current-secret-0123456789abcdef0123";
    String RETIRED_SECRET = "it-retired-secret-0123456789abcdef0123";

    private static String hmac(String secret, String id) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    @BeforeEach
    default void clearListenerEvents() {
        RecordingListener.clear();
    }

    @Test
    default void applicationGetsAStoredSessionAndNeverAContainerOne() {
        browser().body("set", "name", "a", "value", "1");

        Map<String, String> info = browser().info();

        assertThat(info).containsEntry("class", StoredSession.class.getName());
        assertThat(info.get("id")).isEqualTo(browser().sessionCookie().orElseThrow());
    }

    @Test
    default void sessionIsNewOnlyInTheRequestThatCreatedIt() {
        ApiResponse first = browser().call("set", "name", "a", "value", "1");
        Map<String, String> next = browser().info();

        assertThat(first.firstHeader("Set-Cookie")).isPresent();
        assertThat(next).containsEntry("new", "false").containsEntry("requestedValid", "true");
        assertThat(next).containsEntry("fromCookie", "true").containsEntry("fromURL", "false");
        assertThat(Long.parseLong(next.get("created"))).isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(next.get("lastAccessed")).isEqualTo(next.get("created"));
        assertThat(next).containsEntry("maxInactive", "1800");
    }

    /** As the Servlet TCK's expireHttpSessionTest checks it: a request that writes nothing still counts. */
    @Test
    default void lastAccessedTimeIsWhenThePreviousRequestBegan() throws InterruptedException {
        browser().body("set", "name", "a", "value", "1");
        long beforeSecond = System.currentTimeMillis();
        Thread.sleep(2); // the clock moves past the first request
        browser().info(); // changes nothing, and no touch is due: nothing is written
        long afterSecond = System.currentTimeMillis();

        Map<String, String> third = browser().info();

        assertThat(Long.parseLong(third.get("lastAccessed")))
                .isGreaterThan(Long.parseLong(third.get("created")))
                .isBetween(beforeSecond, afterSecond);
    }

    /**
     * Sessions travel only in their cookie: an id in the URL, where URL rewriting puts it, names no session,
     * unlike on the container (the Servlet TCK's getRequestedSessionIdTest1).
     */
    @Test
    default void anIdInTheUrlIsNoRequestedSession() {
        HttpSessionClient client = HttpSessionClient.withoutCookies(() -> URI.create(base().toString()));

        String info = client.get("probe;jsessionid=c0o7fszeb1?op=info").body();

        assertThat(info).contains("requestedId=null", "fromURL=false").doesNotContain("id=c0o7fszeb1");
    }

    @Test
    default void getSessionFalseWithoutCookieReturnsNull() {
        assertThat(browser().body("exists")).isEqualTo("false");
        assertThat(browser().info()).containsEntry("requestedId", "null").containsEntry("requestedValid", "false");
    }

    @Test
    default void setAttributeNullRemovesIt() {
        browser().body("set", "name", "a", "value", "1");
        browser().body("set", "name", "b", "value", "2");

        browser().body("remove", "name", "a");

        assertThat(browser().body("read-all")).isEqualTo("b=2;");
    }

    @Test
    default void sessionWithNonPositiveTimeoutNeverExpires() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        browser().body("max-inactive", "value", "0");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());

        updateOneRow(
                "UPDATE sessiondb_session SET last_accessed_ms = 0, version = version + 1 WHERE id = '" + key + "'");
        sweeper().sweep();

        assertThat(browser().body("get", "name", "a")).isEqualTo("1");
        assertThat(browser().info()).containsEntry("maxInactive", "0");
    }

    @Test
    default void invalidateDeletesTheRowAndFurtherCallsThrow() throws SQLException {
        browser().body("set", "name", "a", "value", "1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());

        ApiResponse response = browser().call("invalidate");

        assertThat(response.body()).startsWith("invalidated: ");
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + key + "'"))
                .isZero();
        assertThat(response.firstHeader("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("Max-Age=0"));
        assertThat(browser().body("exists")).isEqualTo("false");
    }

    @Test
    default void invalidateThenGetSessionStartsAFreshSession() {
        browser().body("set", "name", "a", "value", "1");
        String oldId = browser().sessionCookie().orElseThrow();

        browser().body("invalidate-and-create", "name", "b", "value", "2");

        assertThat(browser().sessionCookie())
                .hasValueSatisfying(id -> assertThat(id).isNotEqualTo(oldId));
        assertThat(browser().body("read-all")).isEqualTo("b=2;");
    }

    @Test
    default void changeSessionIdKeepsTheDataAndRetiresTheOldId() throws SQLException {
        browser().body("set", "name", "cart", "value", "apple");
        String oldId = browser().sessionCookie().orElseThrow();
        String oldCookie = browser().sessionCookieValue().orElseThrow();

        String[] ids = browser().body("change-id").split(" ");

        assertThat(ids[0]).isEqualTo(oldId);
        assertThat(browser().sessionCookie()).contains(ids[1]);
        assertThat(browser().body("get", "name", "cart")).isEqualTo("apple");
        assertThat(queryLong(
                        "SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + StorageKeys.of(ids[1]) + "'"))
                .isEqualTo(1);

        Probe replay = new Probe(base());
        replay.useSessionCookie(oldCookie);
        assertThat(replay.info()).containsEntry("requestedValid", "false");
        assertThat(replay.body("get", "name", "cart")).isEqualTo("null");
    }

    @Test
    default void clientInventedIdIsNeverAdopted() {
        String invented = "A".repeat(42) + "E"; // well-formed, but never issued
        browser().useSessionCookie(invented);

        ApiResponse response = browser().call("set", "name", "a", "value", "1");

        assertThat(response.firstHeader("Set-Cookie"))
                .hasValueSatisfying(
                        cookie -> assertThat(cookie).startsWith("SESSIONDB=").doesNotContain(invented));
    }

    @Test
    default void cookieSignedWithARetiredSecretStillFindsItsSession() throws Exception {
        browser().body("set", "name", "cart", "value", "apple");
        String id = browser().sessionCookie().orElseThrow();

        Probe sameUserAfterRotation = new Probe(base());
        sameUserAfterRotation.useSessionCookie(id + "." + hmac(RETIRED_SECRET, id));

        assertThat(sameUserAfterRotation.body("get", "name", "cart")).isEqualTo("apple");
        String signedWithTheCurrentSecret = id + "." + hmac(CURRENT_SECRET, id);
        assertThat(browser().sessionCookieValue()).contains(signedWithTheCurrentSecret);
    }

    @Test
    default void cookieWithABadSignatureGetsAFreshSessionWithoutAnyDatabaseQuery() throws Exception {
        browser().body("set", "name", "cart", "value", "apple");
        String id = browser().sessionCookie().orElseThrow();
        Probe forger = new Probe(base());
        forger.useSessionCookie(id + "." + hmac("a-secret-the-server-does-not-know-0123", id));
        StatementLog.clear();

        assertThat(forger.info()).containsEntry("requestedValid", "false");
        assertThat(forger.body("exists")).isEqualTo("false");

        assertThat(StatementLog.all()).isEmpty();
    }

    /**
     * A smoke test of the cookie path inside the container (the unit tests cover it in depth): a few dozen
     * cookies of each kind the server never issued, none answered with a 5xx, and only the one that is
     * validly signed reaches the database.
     */
    @Test
    default void unissuedCookiesNeverGiveA5xxAndOnlyAValidlySignedOneReachesTheDatabase() throws Exception {
        browser().body("set", "name", "cart", "value", "apple");
        String liveId = browser().sessionCookie().orElseThrow();
        Probe victim = new Probe(base());
        victim.body("set", "name", "a", "value", "1");
        String replayedCookie = victim.sessionCookieValue().orElseThrow();
        victim.body("invalidate");
        Random random = new Random(20261127L); // fixed seed: a failure can be replayed
        HttpSessionClient client = HttpSessionClient.withoutCookies(() -> URI.create(base().toString()));
        StatementLog.clear();

        int signedRequests = 0;
        for (int i = 0; i < 6 * 30; i++) {
            String value =
                    switch (i % 6) {
                        case 0 -> randomPrintable(random, random.nextInt(200));
                        case 1 -> randomPrintable(random, 4_000 + random.nextInt(3_000));
                        case 2 -> liveId + "." + randomBase64(random, 43); // forged signature
                        case 3 -> liveId; // unsigned
                        case 4 -> "' OR '1'='1' --" + randomPrintable(random, random.nextInt(20));
                        default -> replayedCookie; // signed, but its session was invalidated
                    };
            signedRequests += value.equals(replayedCookie) ? 1 : 0;
            ApiResponse response = client.get(
                    "probe?op=exists",
                    "Cookie",
                    "SESSIONDB=" + value,
                    "X-Forwarded-Proto",
                    randomPrintable(random, random.nextInt(20)));
            assertThat(response.status())
                    .as("request %d, cookie '%s'", i, value)
                    .isLessThan(500);
        }

        // only the replayed, validly signed cookie reaches the database: the session is looked up, and,
        // as there is none, whether its id was replaced moments ago
        assertThat(signedRequests).isEqualTo(30);
        assertThat(StatementLog.all()).hasSize(2 * signedRequests).allMatch(sql -> sql.startsWith("SELECT"));
        assertThat(browser().body("get", "name", "cart")).isEqualTo("apple");
    }

    private static String randomPrintable(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = (char) (0x21 + random.nextInt(0x7e - 0x21 + 1));
            text.append(c == ';' || c == ',' ? 'x' : c); // keep it one cookie
        }
        return text.toString();
    }

    private static String randomBase64(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Test
    default void storedTablesHoldNeitherTheCookieValueNorTheId() throws Exception {
        browser().body("set", "name", "cart", "value", "apple");
        String replacedId = browser().sessionCookie().orElseThrow();
        browser().body("change-id");
        String id = browser().sessionCookie().orElseThrow();
        String cookie = browser().sessionCookieValue().orElseThrow();

        StringBuilder everything = new StringBuilder();
        try (java.sql.Connection connection = dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            for (String table : new String[] {"sessiondb_session", "sessiondb_attribute"}) {
                try (java.sql.ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            everything
                                    .append(
                                            value instanceof byte[] bytes
                                                    ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                                                    : String.valueOf(value))
                                    .append('|');
                        }
                    }
                }
            }
        }

        assertThat(everything)
                .contains(io.sessiondb.store.StorageKeys.of(id))
                .as("the replaced id is kept for the rotation grace window, as its hash")
                .contains(io.sessiondb.store.StorageKeys.of(replacedId));
        assertThat(everything.toString())
                .doesNotContain(id)
                .doesNotContain(cookie)
                .doesNotContain(replacedId);
    }

    @Test
    default void listenersReceiveCreatedAttributeAndIdEvents() {
        browser().body("set", "name", "label", "value", "first");
        String id = browser().sessionCookie().orElseThrow();
        browser().body("set", "name", "label", "value", "second");
        browser().body("remove", "name", "label");
        String[] ids = browser().body("change-id").split(" ");

        assertThat(RecordingListener.events())
                .containsExactly(
                        "created " + id,
                        "added label=first",
                        "replaced label=first",
                        "removed label=second",
                        "id-changed " + ids[0] + " -> " + ids[1]);
    }

    @Test
    default void invalidateNotifiesDestroyedAndUnbindsValues() {
        browser().body("set", "name", "label", "value", "mine");
        browser().body("bind", "name", "bound", "value", "B");
        String id = browser().sessionCookie().orElseThrow();
        RecordingListener.clear();

        browser().body("invalidate");

        assertThat(RecordingListener.events())
                .containsSubsequence("destroyed " + id + " mine", "unbound bound B", "removed bound=B")
                .contains("removed label=mine");
    }

    @Test
    default void bindingListenerValuesAreBoundAndUnbound() {
        browser().body("bind", "name", "v", "value", "one");
        browser().body("bind", "name", "v", "value", "two");

        assertThat(RecordingListener.events()).containsSubsequence("bound v one", "bound v two", "unbound v one");
    }

    @Test
    default void sweeperExpiryNotifiesDestroyed() throws SQLException {
        browser().body("set", "name", "label", "value", "swept");
        browser().body("bind", "name", "bound", "value", "S");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        updateOneRow("UPDATE sessiondb_session SET expires_at_ms = 1, version = version + 1 WHERE id = '" + key + "'");
        RecordingListener.clear();

        sweeper().sweep();

        assertThat(RecordingListener.events()).contains("destroyed " + key + " swept", "unbound bound S");
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + key + "'"))
                .isZero();
    }

    @Test
    default void aSessionCreatedAndLeftEmptyIsStoredAndTheNextRequestFindsItNotNew() throws SQLException {
        ApiResponse created = browser().call("create-empty");
        String id = created.body();

        assertThat(created.firstHeader("Set-Cookie")).isPresent();
        assertThat(browser().sessionCookie()).contains(id);
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + StorageKeys.of(id) + "'"))
                .isEqualTo(1);
        Map<String, String> next = browser().info();
        assertThat(next).containsEntry("id", id).containsEntry("new", "false").containsEntry("requestedValid", "true");
        assertThat(RecordingListener.events()).containsExactly("created " + id);
    }

    @Test
    default void requestsThatNeverUseTheSessionKeepItAlive() throws InterruptedException {
        browser().body("set", "name", "a", "value", "kept");
        // a 3 s timeout: the touch interval is then 0.3 s, a tenth of it
        browser().body("max-inactive", "value", "3");

        for (int i = 0; i < 6; i++) {
            Thread.sleep(1_000);
            assertThat(browser().body("nothing")).isEqualTo("nothing");
        }

        assertThat(browser().body("get", "name", "a"))
                .as("6 s after its last use, alive through the requests that carried its cookie")
                .isEqualTo("kept");
    }

    @Test
    default void activationListenerValuesHearPassivateBeforeASaveAndActivateAfterALoad() throws SQLException {
        browser().body("activation", "name", "listening", "value", "A");

        assertThat(RecordingListener.events()).containsSubsequence("will-passivate A", "did-activate A");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        // as if another node wrote the session: this one loads it afresh and deserializes the value
        updateOneRow("UPDATE sessiondb_session SET version = version + 1 WHERE id = ?", key);
        RecordingListener.clear();

        assertThat(browser().body("get", "name", "listening")).isEqualTo("A");
        assertThat(RecordingListener.events()).containsExactly("did-activate A");
    }

    @Test
    default void aValueOfTheApplicationsOwnClassesIsReadBackWithoutConfiguration() throws SQLException {
        browser().body("own", "name", "mine", "value", "yes");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        // as if another node wrote the session: this one reads the stored value instead of the one it set
        updateOneRow("UPDATE sessiondb_session SET version = version + 1 WHERE id = ?", key);

        assertThat(browser().body("get", "name", "mine")).isEqualTo("OwnValue[label=yes]");
    }
}
