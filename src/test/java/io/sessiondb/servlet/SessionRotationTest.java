package io.sessiondb.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.config.TestConfig;
import io.sessiondb.cookie.CookieSigner;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.cookie.TestCookies;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.store.TestStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 4, point 3 at the unit level: the settings the in-container tests do not switch; on a real database. */
class SessionRotationTest {

    private static final String SECRET = "a-secret-of-at-least-32-characters-xx";
    private static final String ID = SessionIds.generate();

    private final TestStore store = TestStore.h2();
    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);

    /** A request whose signed cookie names a stored session of nobody, with the user "alice" signed in. */
    private SessionExchange aliceSigningIn(boolean rotateOnLogin, boolean rolling) {
        Map<String, String> settings = new HashMap<>(
                Map.of("sessiondb.secrets", SECRET, "sessiondb.rotate-on-login", Boolean.toString(rotateOnLogin)));
        if (rolling) {
            settings.put("sessiondb.cookie.rolling", "true");
            settings.put("sessiondb.cookie.max-age", "3600");
        }
        SessionDbConfig config = TestConfig.settings(settings);
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(ID))});
        store.insert(ID, 1800, Map.of("cart", "apple"));
        SessionCookies cookies = TestCookies.of(config);
        SessionExchange session = new SessionExchange(
                request,
                response,
                TestSessionCache.of(store.repository(), mock(SessionEvents.class), config),
                cookies,
                System.currentTimeMillis());
        assertThat(session.session(false)).isNotNull();
        when(request.getUserPrincipal()).thenReturn(() -> "alice");
        return session;
    }

    @Test
    void signingInGivesTheStoredSessionANewIdThatKeepsItsData() {
        SessionExchange session = aliceSigningIn(true, false);

        session.commit();

        String newId = session.session(false).getId();
        assertThat(newId).isNotEqualTo(ID);
        assertThat(store.rowExists(ID)).isFalse();
        assertThat(store.sessionColumn(newId, "principal_name")).isEqualTo("alice");
        assertThat(store.sessionColumn(newId, "previous_id")).isEqualTo(StorageKeys.of(ID));
        assertThat(store.attribute(newId, "cart", TestConfig.limits(Map.of()))).isEqualTo("apple");
        verify(response).addCookie(any(Cookie.class));
    }

    @Test
    void withRotateOnLoginOffTheSignedInUserIsRecordedUnderTheSameId() {
        SessionExchange session = aliceSigningIn(false, false);

        session.commit();

        assertThat(session.session(false).getId()).isEqualTo(ID);
        assertThat(store.sessionColumn(ID, "principal_name")).isEqualTo("alice");
        assertThat(store.sessionColumn(ID, "previous_id")).isNull();
        verify(response, never()).addCookie(any(Cookie.class));
    }

    @Test
    void rollingRefreshDoesNotBringBackAnIdThatAnotherRequestReplaced() {
        SessionExchange session = aliceSigningIn(false, true);
        when(request.getUserPrincipal()).thenReturn(null);
        // a read-only request, during which another request gave the session a new id
        store.update(
                "UPDATE sessiondb_session SET previous_id = id, rotated_at_ms = ?, id = ? WHERE id = ?",
                System.currentTimeMillis(),
                StorageKeys.of(SessionIds.generate()),
                StorageKeys.of(ID));

        session.commit();
        session.finish();

        verify(response, never()).addCookie(any(Cookie.class));
    }

    @Test
    void rollingRefreshOfALiveSessionSendsTheCookie() {
        SessionExchange session = aliceSigningIn(false, true);
        when(request.getUserPrincipal()).thenReturn(null);

        session.commit();

        verify(response).addCookie(any(Cookie.class));
    }

    /** A request carrying the cookie of {@link #ID}, signed in as {@code user} (null: nobody). */
    private SessionExchange requestWithTheCookie(
            SessionCache cache, SessionCookies cookies, HttpServletResponse response, String user) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(ID))});
        if (user != null) {
            when(request.getUserPrincipal()).thenReturn(() -> user);
        }
        return new SessionExchange(request, response, cache, cookies, System.currentTimeMillis());
    }

    @Test
    void requestsCarryingThePreLoginIdNeverSeeNorWriteTheSignedInSession() {
        SessionDbConfig config = TestConfig.settings(Map.of("sessiondb.secrets", SECRET));
        SessionCookies cookies = TestCookies.of(config);
        SessionCache cache = TestSessionCache.of(store.repository(), mock(SessionEvents.class), config);
        store.insert(ID, 1800, Map.of("cart", "apple"));
        HttpServletResponse plantedResponse = mock(HttpServletResponse.class);
        SessionExchange planted = requestWithTheCookie(cache, cookies, plantedResponse, null);
        SessionExchange signingIn = requestWithTheCookie(cache, cookies, response, "alice");
        StoredSession seenByPlanted = planted.session(false);
        assertThat(signingIn.session(false))
                .as("shared while neither is signed in")
                .isSameAs(seenByPlanted);

        signingIn.keepSignedIn(new SignedInCaller("alice", Set.of("users")));
        StoredSession signedIn = signingIn.session(false);
        SessionExchange arrivingLater = requestWithTheCookie(cache, cookies, mock(HttpServletResponse.class), null);

        assertThat(signedIn.getId()).isNotEqualTo(ID);
        assertThat(seenByPlanted.getId()).isEqualTo(ID);
        assertThat(seenByPlanted.row().signedIn()).isNull();
        assertThat(seenByPlanted.row().principalName()).isNull();
        assertThat(arrivingLater.session(false))
                .as("the old id names no session any more")
                .isNull();
        seenByPlanted.setAttribute("planted", "by the old id");
        planted.finish();
        signingIn.finish();

        assertThat(store.rowExists(ID)).isFalse();
        assertThat(store.sessionColumn(signedIn.getId(), "principal_name")).isEqualTo("alice");
        assertThat(store.sessionColumn(signedIn.getId(), "signed_in")).isNotNull();
        assertThat(store.attribute(signedIn.getId(), "cart", TestConfig.limits(Map.of())))
                .isEqualTo("apple");
        assertThat(store.attribute(signedIn.getId(), "planted", TestConfig.limits(Map.of())))
                .isNull();
        verify(plantedResponse, never()).addCookie(any(Cookie.class));
        verify(response).addCookie(any(Cookie.class));
    }

    @Test
    void aRequestSignedInFromItsSessionDoesNotUndoASignOutMadeWhileItRan() {
        SessionDbConfig config = TestConfig.settings(Map.of("sessiondb.secrets", SECRET));
        SessionCookies cookies = TestCookies.of(config);
        SessionCache cache = TestSessionCache.of(store.repository(), mock(SessionEvents.class), config);
        store.insert(ID, 1800, Map.of());
        store.update(
                "UPDATE sessiondb_session SET principal_name = 'alice', signed_in = ?",
                new SignedInCaller("alice", Set.of("users")).stored());
        HttpServletResponse restoredResponse = mock(HttpServletResponse.class);
        SessionExchange restored = requestWithTheCookie(cache, cookies, restoredResponse, "alice");
        SessionExchange signingOut = requestWithTheCookie(cache, cookies, response, null);
        StoredSession session = restored.session(false);
        assertThat(signingOut.session(false)).isSameAs(session);

        session.row().signedOut(); // request.logout() on the other request
        signingOut.finish();
        restored.finish();

        assertThat(store.rowExists(ID)).as("no new id").isTrue();
        assertThat(store.sessionColumn(ID, "principal_name")).isNull();
        assertThat(store.sessionColumn(ID, "signed_in")).isNull();
        verify(restoredResponse, never()).addCookie(any(Cookie.class));
    }

    /**
     * The race the history checker found: two requests change the id of the session a third one shares, both
     * detaching it before either writes. The first detach drops the cache's entry; the second must still
     * count the third request, or it renames the object that request uses. Here the second id change's
     * write lands first, so the count decides what the third request sees.
     */
    @Test
    void concurrentIdChangesLeaveTheSessionsOtherRequestsOnTheOldId() throws Exception {
        SessionDbConfig config = TestConfig.settings(Map.of("sessiondb.secrets", SECRET));
        SessionCookies cookies = TestCookies.of(config);
        SessionRepository repository = spy(store.repository());
        CountDownLatch secondWritten = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        doAnswer(call -> {
                    if (writes.incrementAndGet() == 1) {
                        // the first to write waits until the other one has written
                        assertThat(secondWritten.await(10, TimeUnit.SECONDS)).isTrue();
                        return call.callRealMethod();
                    }
                    try {
                        return call.callRealMethod();
                    } finally {
                        secondWritten.countDown();
                    }
                })
                .when(repository)
                .changeId(anyString(), anyString(), any(), anyLong());
        SessionCache cache = TestSessionCache.of(repository, mock(SessionEvents.class), config);
        store.insert(ID, 1800, Map.of("cart", "apple"));
        SessionExchange bystander = requestWithTheCookie(cache, cookies, mock(HttpServletResponse.class), null);
        SessionExchange first = requestWithTheCookie(cache, cookies, mock(HttpServletResponse.class), null);
        SessionExchange second = requestWithTheCookie(cache, cookies, mock(HttpServletResponse.class), null);
        StoredSession shared = bystander.session(false);
        assertThat(first.session(false)).isSameAs(shared);
        assertThat(second.session(false)).isSameAs(shared);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> firstChange = threads.submit(first::changeId);
            await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() == 1);
            Future<String> secondChange = threads.submit(second::changeId);
            String newId = secondChange.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> firstChange.get(10, TimeUnit.SECONDS))
                    .as("the session left the id the first change started from")
                    .hasCauseInstanceOf(IllegalStateException.class);

            assertThat(shared.getId())
                    .as("the bystander's session keeps the id it sent")
                    .isEqualTo(ID);
            assertThat(store.rowExists(newId)).isTrue();
            assertThat(store.rowExists(ID)).isFalse();
        } finally {
            threads.shutdownNow();
            bystander.finish();
            first.finish();
            second.finish();
        }
    }
}
