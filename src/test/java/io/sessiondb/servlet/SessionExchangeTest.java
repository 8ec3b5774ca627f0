package io.sessiondb.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.sessiondb.SessionLockTimeoutException;
import io.sessiondb.SessionStoreException;
import io.sessiondb.cache.SessionCache;
import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.config.TestConfig;
import io.sessiondb.cookie.CookieSigner;
import io.sessiondb.cookie.SessionCookies;
import io.sessiondb.cookie.SessionIds;
import io.sessiondb.cookie.TestCookies;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.SessionLease;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.TestStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionActivationListener;
import jakarta.servlet.http.HttpSessionEvent;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;

class SessionExchangeTest {

    private static final String SECRET = "a-secret-of-at-least-32-characters-xx";
    private static final String ID = SessionIds.generate();

    private final TestStore store = TestStore.h2();
    /** The real repository on the test's database, watched for the order of its calls. */
    private final SessionRepository repository = spy(store.repository());

    private final HttpServletRequest request = mock(HttpServletRequest.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private SessionCookies cookies;
    private SessionDbConfig config;

    private void use(SessionDbConfig settings) {
        config = settings;
        cookies = TestCookies.of(settings);
    }

    @BeforeEach
    void signedCookieOfASession() {
        use(TestConfig.settings(Map.of(
                "sessiondb.secrets", SECRET, "sessiondb.session-lock", "true", "sessiondb.session-lock.timeout", "1")));
        when(request.getCookies())
                .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(ID))});
    }

    private SessionExchange exchange() {
        return new SessionExchange(
                request, response, TestSessionCache.of(repository, mock(SessionEvents.class), config), cookies, 0);
    }

    private Object lockedUntil(String id) {
        return store.sessionColumn(id, "locked_until_ms");
    }

    @Test
    void lockIsTakenBeforeTheSessionIsLoadedAndReleasedWithItsLeaseWhenTheRequestFinishes() {
        store.insert(ID, 1800, Map.of());
        SessionExchange session = exchange();

        assertThat(session.session(false)).isNotNull();
        assertThat(lockedUntil(ID)).as("held while the request runs").isNotNull();
        session.finish();
        session.release();

        InOrder order = inOrder(repository);
        order.verify(repository).tryLock(ID, SessionLease.LEASE_MS);
        order.verify(repository).findById(ID);
        order.verify(repository).unlock(eq(ID), anyLong());
        verify(repository, times(1)).unlock(anyString(), anyLong());
        assertThat(lockedUntil(ID)).isNull();
    }

    @Test
    void lockIsReleasedWhenLoadingTheSessionFails() {
        store.insert(ID, 1800, Map.of());
        doThrow(new SessionStoreException("the database went away", null))
                .when(repository)
                .findById(ID);
        SessionExchange session = exchange();

        assertThatThrownBy(() -> session.session(false)).isInstanceOf(SessionStoreException.class);
        session.release();

        assertThat(lockedUntil(ID)).as("released, not left to its 30 s lease").isNull();
    }

    @Test
    void lockIsReleasedUnderTheNewIdAfterAnIdChange() {
        store.insert(ID, 1800, Map.of());
        SessionExchange session = exchange();
        session.session(false);

        String newId = session.changeId();
        assertThat(lockedUntil(newId)).as("the lock follows the row").isNotNull();
        session.release();

        verify(repository).unlock(eq(newId), anyLong());
        assertThat(lockedUntil(newId)).isNull();
    }

    @Test
    void invalidatedSessionHasNoLockLeftToRelease() {
        store.insert(ID, 1800, Map.of());
        SessionExchange session = exchange();

        session.session(false).invalidate();
        session.finish();

        assertThat(store.rowExists(ID)).isFalse();
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @Test
    void sessionGoneWhileWaitingIsAnUnknownIdAndIsNotLoaded() {
        SessionExchange session = exchange();

        assertThat(session.session(false)).isNull();
        session.finish();

        verify(repository, never()).findById(anyString());
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @Test
    void sessionThatStaysLockedFailsEveryAccessAndKeepsTheClientsCookie() {
        store.insert(ID, 1800, Map.of());
        long othersLeaseEndMs = System.currentTimeMillis() + 60_000;
        store.update("UPDATE sessiondb_session SET locked_until_ms = ?", othersLeaseEndMs);
        SessionExchange session = exchange();

        assertThatThrownBy(() -> session.session(true)).isInstanceOf(SessionLockTimeoutException.class);
        assertThatThrownBy(() -> session.session(true))
                .as("no fresh session in its place, and no second wait")
                .isInstanceOf(SessionLockTimeoutException.class);
        session.finish();

        verify(repository, never()).findById(anyString());
        verify(repository, never()).unlock(anyString(), anyLong());
        verify(response, never()).addCookie(any());
        assertThat(lockedUntil(ID)).as("the other request's lock").isEqualTo(othersLeaseEndMs);
    }

    @Test
    void withoutTheLockOptionNothingIsLocked() {
        store.insert(ID, 1800, Map.of());
        use(TestConfig.settings(Map.of("sessiondb.secrets", SECRET)));
        SessionExchange session = exchange();

        assertThat(session.session(false)).isNotNull();
        session.finish();

        verify(repository).findById(ID);
        verify(repository, never()).tryLock(anyString(), anyLong());
        verify(repository, never()).unlock(anyString(), anyLong());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "' OR '1'='1",
                "x'; DROP TABLE sessiondb_session; --",
                "ünïcødé✓",
                // a well-formed id without, with a forged, and with a truncated signature
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg.abc"
            })
    void malformedOrBadlySignedCookieIsNeverLookedUp(String value) {
        SessionRepository repository = mock(SessionRepository.class);
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getCookies()).thenReturn(new Cookie[] {new Cookie("SESSIONDB", value)});
        SessionDbConfig settings = TestConfig.settings(Map.of("sessiondb.secrets", SECRET));
        SessionCookies cookies = TestCookies.of(settings);

        SessionExchange session = new SessionExchange(
                request,
                mock(HttpServletResponse.class),
                TestSessionCache.of(repository, mock(SessionEvents.class), settings),
                cookies,
                0);

        assertThat(session.session(false)).isNull();
        assertThat(session.requestedSessionIdValid()).isFalse();
        verifyNoInteractions(repository);
    }

    /** A request of {@code cache}'s node carrying the signed cookie of {@code id}, or no cookie for null. */
    private SessionExchange requestOn(SessionCache cache, String id, long startMs) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        if (id != null) {
            when(request.getCookies())
                    .thenReturn(new Cookie[] {new Cookie("SESSIONDB", new CookieSigner(List.of(SECRET)).sign(id))});
        }
        return new SessionExchange(request, mock(HttpServletResponse.class), cache, cookies, startMs);
    }

    private SessionCache sharedCache(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("sessiondb.secrets", SECRET);
        use(TestConfig.settings(all));
        return TestSessionCache.of(repository, mock(SessionEvents.class), config);
    }

    @Test
    void aSessionTheApplicationCreatesIsStoredWhileEmptyAndFoundNotNewByTheNextRequest() {
        SessionCache cache = sharedCache(Map.of());
        SessionExchange first = requestOn(cache, null, System.currentTimeMillis());
        String id = first.session(true).getId();
        first.finish();

        assertThat(store.rowExists(id)).isTrue();
        SessionExchange next = requestOn(TestSessionCache.of(repository, mock(SessionEvents.class), config), id, 0);
        StoredSession found = next.session(false);
        assertThat(found).isNotNull();
        assertThat(found.isNew()).isFalse();
        assertThat(Collections.list(found.getAttributeNames())).isEmpty();
    }

    /**
     * What {@code sessiondb.visits.create-sessions=true} costs an anonymous request: the session its stamps
     * create is one write (the row, with its first visit), and nothing is read.
     */
    @Test
    void aSessionCreatedForItsVisitStampIsOneWriteWithTheFirstVisitAndNoRead() {
        SessionCache cache = sharedCache(Map.of("sessiondb.visits.create-sessions", "true"));
        SessionExchange anonymous = requestOn(cache, null, System.currentTimeMillis());
        StoredSession session = anonymous.session(true);
        session.stampVisit(System.currentTimeMillis(), new io.sessiondb.store.PendingVisits());
        anonymous.finish();

        verify(repository, times(1)).save(any());
        verify(repository, never()).findById(anyString());
        verify(repository, never()).liveVersions(any());
        assertThat(store.sessionColumn(session.getId(), "visits")).isEqualTo(1L);
    }

    @Test
    void withSaveEmptySessionsOffAnEmptyNewSessionEndsUnstored() {
        SessionCache cache = sharedCache(Map.of("sessiondb.save-empty-sessions", "false"));
        SessionExchange first = requestOn(cache, null, System.currentTimeMillis());
        String id = first.session(true).getId();
        first.finish();

        assertThat(store.rowExists(id)).isFalse();
        verify(repository, never()).save(any());
    }

    @Test
    void aRequestThatNeverUsesItsSessionExtendsItsLifeAtMostOncePerTouchInterval() {
        SessionCache cache = sharedCache(Map.of());
        store.insert(ID, 1800, Map.of());
        long longAgoMs = System.currentTimeMillis() - 600_000;
        store.update(
                "UPDATE sessiondb_session SET last_accessed_ms = ?, expires_at_ms = ?",
                longAgoMs,
                longAgoMs + 1_800_000);

        requestOn(cache, ID, System.currentTimeMillis()).finish();

        assertThat((Long) store.sessionColumn(ID, "last_accessed_ms")).isGreaterThan(longAgoMs + 500_000);
        verify(repository, times(1)).save(any());
        requestOn(cache, ID, System.currentTimeMillis()).finish();
        requestOn(cache, ID, System.currentTimeMillis() + 1_000).finish();
        verify(repository, times(1)).findById(ID);
        verify(repository, never()).liveVersions(any());
        verify(repository, times(1)).save(any());
    }

    @Test
    void activationListenersHearPassivationAroundASaveAndActivationAfterALoad() {
        SessionCache cache = sharedCache(Map.of("sessiondb.deserialization.allow", Passivating.class.getName()));
        Passivating.heard.clear();
        SessionExchange first = requestOn(cache, null, System.currentTimeMillis());
        StoredSession session = first.session(true);
        Passivating value = new Passivating();
        session.setAttribute("p", value);
        first.finish();

        assertThat(Passivating.heard).containsExactly("willPassivate", "didActivate");
        Passivating.heard.clear();
        SessionExchange onAnotherNode =
                requestOn(TestSessionCache.of(repository, mock(SessionEvents.class), config), session.getId(), 0);
        StoredSession loaded = onAnotherNode.session(false);
        assertThat(Passivating.heard)
                .as("nothing is deserialized before it is read")
                .isEmpty();
        assertThat(loaded.getAttribute("p")).isInstanceOf(Passivating.class).isNotSameAs(value);
        loaded.getAttribute("p");
        assertThat(Passivating.heard).containsExactly("didActivate");
    }

    /** A value that records what its session tells it, in the order told, across instances. */
    static final class Passivating implements HttpSessionActivationListener, Serializable {

        private static final long serialVersionUID = 1L;
        static final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void sessionWillPassivate(HttpSessionEvent event) {
            heard.add("willPassivate");
        }

        @Override
        public void sessionDidActivate(HttpSessionEvent event) {
            heard.add("didActivate");
        }
    }
}
