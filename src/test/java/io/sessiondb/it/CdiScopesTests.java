package io.sessiondb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sessiondb.store.StorageKeys;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CDI {@code @SessionScoped} and {@code @ConversationScoped} beans of an application ({@link
 * CdiProbeServlet}) live in the stored session: written to its rows, never to a container session (every
 * response is checked for a {@code JSESSIONID}), and destroyed with it. Visit stamps are off here, so a
 * request that uses no bean loads no session. Run by {@link InContainerIT}.
 */
interface CdiScopesTests extends ContainerTest {

    /** The server's default managed executor, to run work off any request thread. */
    ManagedExecutorService executor();

    @BeforeEach
    default void clearDestroyedBeans() {
        DestroyedBeans.clear();
    }

    @Test
    default void sessionBeanIsARowOfTheStoredSessionAndAChangeInPlaceIsSaved() throws SQLException {
        assertThat(browser().cdi("count")).isEqualTo("1");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_attribute WHERE session_id = '" + key
                        + "' AND name LIKE 'WELD_S#%CountingSessionBean%'"))
                .isEqualTo(1);

        // the first read after the bean's creation rewrites it once: with a @Dependent bean in its creational
        // context, Weld's live objects serialize a little differently from the ones read back
        assertThat(browser().cdi("read-count")).isEqualTo("1");
        StatementLog.clear();
        assertThat(browser().cdi("read-count")).isEqualTo("1");
        assertThat(StatementLog.writes()).as("reading a bean writes nothing").isEmpty();

        assertThat(browser().cdi("count")).isEqualTo("2");
        assertThat(StatementLog.attributeWrites())
                .as("the bean's field changed, with no setAttribute")
                .isEqualTo(1);
        assertThat(browser().cdi("read-count")).isEqualTo("2");
        assertThat(new Probe(base()).cdi("read-count"))
                .as("another visitor's own bean")
                .isEqualTo("0");
        assertEveryAttributeReadsBack();
    }

    /** Weld's stored state is on the deserialization allowlist: a refused value would read as null. */
    private void assertEveryAttributeReadsBack() {
        assertThat(browser().body("read-all")).contains("WELD_").doesNotContain("=null;");
    }

    @Test
    default void cookieOfADeletedSessionGetsAFreshSessionAndBean() throws SQLException {
        browser().cdi("count");
        String oldId = browser().sessionCookie().orElseThrow();
        updateOneRow("DELETE FROM sessiondb_session WHERE id = ?", StorageKeys.of(oldId));

        assertThat(browser().cdi("count")).isEqualTo("1");
        assertThat(browser().sessionCookie())
                .hasValueSatisfying(id -> assertThat(id).isNotEqualTo(oldId));
        assertThat(browser().cdi("read-count")).isEqualTo("1");
    }

    @Test
    default void producedSessionBeanIsStoredToo() {
        assertThat(browser().cdi("tally")).isEqualTo("1");
        assertThat(browser().cdi("tally")).isEqualTo("2");
        assertEveryAttributeReadsBack();
    }

    @Test
    default void injectedHttpSessionIsTheStoredSession() {
        browser().body("set", "name", "a", "value", "1");

        assertThat(browser().cdi("injected-session-id"))
                .isEqualTo(browser().sessionCookie().orElseThrow());
        // Weld keeps the injected session's handle as a session bean: it must be read back, not replaced
        StatementLog.clear();
        assertThat(browser().cdi("injected-session-id"))
                .isEqualTo(browser().sessionCookie().orElseThrow());
        assertThat(StatementLog.writes()).isEmpty();
    }

    @Test
    default void injectedHttpServletRequestsSessionIsTheStoredSession() {
        String id = browser().cdi("injected-request-session-id");

        assertThat(id)
                .as("created through @Inject HttpServletRequest")
                .isEqualTo(browser().sessionCookie().orElseThrow());
    }

    @Test
    default void conversationBeanFollowsItsCidAcrossRequests() {
        // visit stamps are off here: the conversation needs a session to be kept in
        browser().body("set", "name", "a", "value", "1");
        String cid = browser().cdi("begin");

        assertThat(browser().cdi("add-note", "cid", cid, "value", "first")).isEqualTo("[first]");
        assertThat(browser().cdi("add-note", "cid", cid, "value", "second")).isEqualTo("[first, second]");
        assertThat(browser().cdi("notes"))
                .as("no cid: a new, transient conversation")
                .isEqualTo("[]");
        assertThat(browser().cdi("notes", "cid", cid)).isEqualTo("[first, second]");
        assertEveryAttributeReadsBack();
        assertThat(new Probe(base()).cdi("notes", "cid", cid))
                .as("another visitor's session has no such conversation")
                .isEqualTo("no conversation " + cid);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(DestroyedBeans.all())
                .as("only the transient conversation's bean, when its request ended")
                .containsExactly("notes []"));
    }

    @Test
    default void endedConversationIsDestroyedAndItsCidNoLongerFound() {
        browser().body("set", "name", "a", "value", "1");
        String cid = browser().cdi("begin");
        browser().cdi("add-note", "cid", cid, "value", "done");

        browser().cdi("end", "cid", cid);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(DestroyedBeans.all()).containsExactly("notes [done]"));
        assertThat(browser().cdi("notes", "cid", cid)).isEqualTo("no conversation " + cid);
    }

    @Test
    default void invalidateDestroysTheSessionBeansAndConversations() {
        browser().cdi("count");
        String cid = browser().cdi("begin");
        browser().cdi("add-note", "cid", cid, "value", "kept");

        browser().body("invalidate");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(DestroyedBeans.all())
                .containsExactlyInAnyOrder("counter 1", "log 1", "notes [kept]"));
        assertThat(browser().cdi("read-count")).as("a new session, a new bean").isEqualTo("0");
    }

    @Test
    default void sweptSessionsBeansAreReadBackAndDestroyed() throws Exception {
        browser().cdi("count");
        browser().cdi("count");
        String cid = browser().cdi("begin");
        browser().cdi("add-note", "cid", cid, "value", "swept");
        String key = StorageKeys.of(browser().sessionCookie().orElseThrow());
        updateOneRow("UPDATE sessiondb_session SET expires_at_ms = 1, version = version + 1 WHERE id = ?", key);
        DestroyedBeans.clear();

        // off any request thread, as the sweeper's schedule runs
        assertThat(executor().submit(sweeper()::sweep).get(30, TimeUnit.SECONDS))
                .isPositive();

        assertThat(DestroyedBeans.all()).containsExactlyInAnyOrder("counter 2", "log 2", "notes [swept]");
        assertThat(queryLong("SELECT COUNT(*) FROM sessiondb_session WHERE id = '" + key + "'"))
                .isZero();
    }
}
