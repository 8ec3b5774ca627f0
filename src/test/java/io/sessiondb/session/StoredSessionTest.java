package io.sessiondb.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.cache.TestSessionCache;
import io.sessiondb.config.AttributeLimits;
import io.sessiondb.config.TestConfig;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.store.StorageKeys;
import io.sessiondb.store.TestStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.example.untrusted.UntrustedValue;
import org.junit.jupiter.api.Test;

class StoredSessionTest {

    private static final long NOW = 1_000_000_000L;
    private static final long TOUCH_MS = 60_000;

    private final SessionEvents events = mock(SessionEvents.class);
    private final TestStore store = TestStore.h2();
    /** The real repository on the test's database, watched for its calls. */
    private final SessionRepository repository = spy(store.repository());
    /** Small limits, so a test can reach them with short strings: 1000 bytes an attribute, 3000 a session. */
    private static final Map<String, String> SMALL_LIMITS = Map.of(
            "sessiondb.max-attribute-bytes",
            "1000",
            "sessiondb.max-session-bytes",
            "3000",
            "sessiondb.deserialization.allow",
            SharedItems.class.getName());

    private static final AttributeLimits LIMITS = TestConfig.limits(SMALL_LIMITS);
    private final SessionCache cache = cache(false);
    private final SessionCache stamping = cache(true);

    private SessionCache cache(boolean visitStamps) {
        Map<String, String> settings = new HashMap<>(SMALL_LIMITS);
        settings.put("sessiondb.visits.enabled", String.valueOf(visitStamps));
        return TestSessionCache.of(repository, events, TestConfig.settings(settings));
    }

    private StoredSession fresh() {
        return StoredSession.create(null, cache, "id-1", NOW, null);
    }

    private StoredSession loaded(long lastAccessedMs, Map<String, byte[]> attributes) {
        return loaded(cache, record(NOW - 5_000, lastAccessedMs, null, null, attributes, 0, null));
    }

    private StoredSession loadedSignedIn(String principal, SignedInCaller signedIn) {
        return loaded(cache, record(NOW - 5_000, NOW - 1_000, principal, signedIn, Map.of(), 0, null));
    }

    private static StoredSession loaded(SessionCache cache, SessionData record) {
        return StoredSession.load(null, cache, "id-1", record, NOW);
    }

    private static SessionData record(
            long createdMs,
            long lastAccessedMs,
            String principal,
            SignedInCaller signedIn,
            Map<String, byte[]> attributes,
            long visits,
            Long lastRequestMs) {
        return new SessionData(
                "key",
                createdMs,
                lastAccessedMs,
                1800,
                principal,
                signedIn,
                attributes,
                null,
                visits,
                lastRequestMs,
                0L,
                lastAccessedMs + 1_800_000,
                NOW);
    }

    private static byte[] bytes(String name, Object value) {
        return AttributeCodec.serialize(name, value);
    }

    @Test
    void newSessionWithoutAttributesIsInsertedAsContainersStoreIt() {
        SessionWrite write = fresh().pendingWrite(NOW, TOUCH_MS);

        assertThat(write.newSession()).isTrue();
        assertThat(write.insertedAttributes()).isEmpty();
    }

    @Test
    void newSessionWithoutAttributesHasNothingToWriteWhenEmptySessionsAreNotSaved() {
        Map<String, String> settings = new HashMap<>(SMALL_LIMITS);
        settings.put("sessiondb.save-empty-sessions", "false");
        SessionCache notSavingEmpty = TestSessionCache.of(repository, events, TestConfig.settings(settings));

        assertThat(StoredSession.create(null, notSavingEmpty, "id-1", NOW, null).pendingWrite(NOW, TOUCH_MS))
                .isNull();
    }

    @Test
    void newSessionWithAnAttributeIsInsertedWhole() {
        StoredSession session = fresh();
        session.setAttribute("a", "1");

        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.newSession()).isTrue();
        assertThat(write.row().lastAccessedMs()).isEqualTo(NOW);
        assertThat(write.insertedAttributes()).containsOnlyKeys("a");
        verify(events).attributeAdded(session, "a", "1");
    }

    @Test
    void loadedSessionReadButUnchangedWritesNothingWithinTheTouchInterval() {
        StoredSession session =
                loaded(NOW - 1_000, Map.of("a", bytes("a", "1"), "cart", bytes("cart", new ArrayList<>(List.of("x")))));

        assertThat(session.getAttribute("a")).isEqualTo("1");
        assertThat(session.getAttribute("cart")).isEqualTo(List.of("x"));

        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void touchIsDueOnceTheIntervalHasPassed() {
        StoredSession session = loaded(NOW - TOUCH_MS, Map.of("a", bytes("a", "1")));

        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.row().lastAccessedMs()).isEqualTo(NOW);
        assertThat(write.insertedAttributes()).isEmpty();
        assertThat(write.updatedAttributes()).isEmpty();
        session.saved(write, 1L);
        assertThat(session.pendingWrite(NOW + 1, TOUCH_MS))
                .as("touched already")
                .isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void valueMutatedInPlaceIsUpdated() {
        StoredSession session = loaded(NOW - 1_000, Map.of("cart", bytes("cart", new ArrayList<>(List.of("x")))));

        ((List<String>) session.getAttribute("cart")).add("y");
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.updatedAttributes()).containsOnlyKeys("cart");
        assertThat(AttributeCodec.deserialize("cart", write.updatedAttributes().get("cart"), LIMITS))
                .isEqualTo(List.of("x", "y"));
    }

    @Test
    void onlyChangedAndRemovedAttributesAreWritten() {
        StoredSession session =
                loaded(NOW - 1_000, Map.of("a", bytes("a", "1"), "b", bytes("b", "2"), "c", bytes("c", "3")));

        session.setAttribute("b", "two");
        session.setAttribute("c", null);
        session.setAttribute("d", "4");
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.updatedAttributes()).containsOnlyKeys("b");
        assertThat(write.removedAttributes()).containsOnly("c");
        assertThat(write.insertedAttributes()).containsOnlyKeys("d");
        assertThat(write.row()).as("the row is rewritten with the attributes").isNotNull();
        verify(events).attributeReplaced(session, "b", "2", "two");
        verify(events).attributeRemoved(session, "c", "3");
    }

    @Test
    void settingAnEqualValueWritesNothing() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));

        session.setAttribute("a", "1");

        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void unserializableValueFailsAtSetAttributeAndChangesNothing() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));

        assertThatThrownBy(() -> session.setAttribute("a", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");

        assertThat(session.getAttribute("a")).isEqualTo("1");
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
        verify(events, never()).attributeReplaced(any(), eq("a"), any(), any());
    }

    @Test
    void unreadableAttributeIsHiddenButNotDeleted() {
        StoredSession session = loaded(NOW - 1_000, Map.of("broken", new byte[] {1, 2, 3}, "a", bytes("a", "1")));

        assertThat(session.getAttribute("broken")).isNull();
        assertThat(Collections.list(session.getAttributeNames())).containsOnly("a");
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void attributeRefusedByTheAllowlistIsHiddenButNotDeletedAndTheRestCarriesOn() {
        StoredSession session = loaded(
                NOW - 1_000, Map.of("untrusted", bytes("untrusted", new UntrustedValue("x")), "a", bytes("a", "1")));

        assertThat(session.getAttribute("untrusted")).isNull();
        assertThat(session.getAttribute("a")).isEqualTo("1");
        session.setAttribute("b", "2");
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(Collections.list(session.getAttributeNames())).containsOnly("a", "b");
        assertThat(write.insertedAttributes()).containsOnlyKeys("b");
        assertThat(write.removedAttributes()).isEmpty();
    }

    @Test
    void valueOverTheAttributeLimitFailsAtSetAttributeNamingItsSizeAndTheLimitAndChangesNothing() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));
        String big = "x".repeat(1_200);
        int size = bytes("a", big).length;

        assertThatThrownBy(() -> session.setAttribute("a", big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'")
                .hasMessageContaining(size + " bytes")
                .hasMessageContaining("limit of 1000 bytes (sessiondb.max-attribute-bytes)");

        assertThat(session.getAttribute("a")).isEqualTo("1");
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
        verify(events, never()).attributeReplaced(any(), eq("a"), any(), any());
    }

    @Test
    void valueThatWouldMakeTheSessionTooLargeFailsNamingTheSessionLimitAndChangesNothing() {
        StoredSession session = fresh();
        session.setAttribute("a", "a".repeat(900));
        session.setAttribute("b", "b".repeat(900));
        session.setAttribute("c", "c".repeat(900));

        assertThatThrownBy(() -> session.setAttribute("d", "d".repeat(900)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'d'")
                .hasMessageContaining("limit of 3000 bytes (sessiondb.max-session-bytes)");

        assertThat(session.getAttribute("d")).isNull();
        assertThat(session.pendingWrite(NOW, TOUCH_MS).insertedAttributes()).containsOnlyKeys("a", "b", "c");
        verify(events, never()).attributeAdded(any(), eq("d"), any());
    }

    @Test
    void sessionOverALoweredLimitMayStillShrink() {
        StoredSession session = loaded(
                NOW - 1_000,
                Map.of(
                        "a", bytes("a", "a".repeat(950)),
                        "b", bytes("b", "b".repeat(950)),
                        "c", bytes("c", "c".repeat(950)),
                        "d", bytes("d", "d".repeat(950))));

        session.setAttribute("a", "a".repeat(800)); // still over 3000 bytes, but smaller

        assertThat(session.pendingWrite(NOW, TOUCH_MS).updatedAttributes()).containsOnlyKeys("a");
        assertThatThrownBy(() -> session.setAttribute("e", "grows"))
                .hasMessageContaining("sessiondb.max-session-bytes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void valueMutatedInPlacePastTheAttributeLimitKeepsItsLastStoredValue() {
        byte[] stored = bytes("cart", new ArrayList<>(List.of("x")));
        StoredSession session = loaded(NOW - 1_000, Map.of("cart", stored));

        ((List<String>) session.getAttribute("cart")).add("y".repeat(1_200));
        session.setAttribute("b", "2");
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.insertedAttributes()).containsOnlyKeys("b");
        assertThat(write.updatedAttributes()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void mutationsPastTheSessionLimitKeepTheLastStoredValueOfTheLargestGrowthFirst() {
        StoredSession session = loaded(
                NOW - 1_000,
                Map.of(
                        "p", bytes("p", "p".repeat(900)),
                        "q", bytes("q", "q".repeat(900)),
                        "small", bytes("small", new ArrayList<>(List.of("x"))),
                        "large", bytes("large", new ArrayList<>(List.of("x")))));

        ((List<String>) session.getAttribute("small")).add("s".repeat(700));
        ((List<String>) session.getAttribute("large")).add("l".repeat(850));
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.updatedAttributes())
                .as("reverting the larger growth is enough to fit 3000 bytes")
                .containsOnlyKeys("small");
        assertThat(AttributeCodec.deserialize("small", write.updatedAttributes().get("small"), LIMITS))
                .isEqualTo(List.of("x", "s".repeat(700)));
    }

    @Test
    void invalidatedSessionRefusesEveryAccessor() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));

        session.invalidate();

        verify(repository).deleteById("id-1");
        verify(events).destroyed(session);
        verify(events).attributeRemoved(session, "a", "1");
        assertThatThrownBy(() -> session.getAttribute("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.setAttribute("a", "2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::getCreationTime).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::isNew).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(session::invalidate).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timeoutChangeRewritesTheRowAndNeverExpiresWhenNotPositive() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));

        session.setMaxInactiveInterval(-1);
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.row().maxInactiveSeconds()).isEqualTo(-1);
    }

    @Test
    void changeIdNotifiesWithTheOldId() {
        StoredSession session = fresh();

        session.row().changeId("id-2");
        session.idChanged("id-1");

        assertThat(session.getId()).isEqualTo("id-2");
        verify(events).idChanged(session, "id-1");
    }

    @Test
    void newSessionThatOnlyKeepsASignInIsStored() {
        StoredSession session = fresh();
        SignedInCaller alice = new SignedInCaller("alice", Set.of("customer"));

        session.row().keepSignedIn(alice);
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.newSession()).isTrue();
        assertThat(write.row().signedIn()).isEqualTo(alice);
        assertThat(write.insertedAttributes()).isEmpty();
    }

    @Test
    void keepingASignInRewritesTheRowOnceAndTheSameCallerAgainWritesNothing() {
        StoredSession session = loadedSignedIn(null, null);
        SignedInCaller alice = new SignedInCaller("alice", Set.of("customer"));

        session.row().keepSignedIn(alice);
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);
        session.saved(write, 1L);
        session.row().keepSignedIn(new SignedInCaller("alice", Set.of("customer")));

        assertThat(write.row().signedIn()).isEqualTo(alice);
        assertThat(session.row().signedIn()).isEqualTo(alice);
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void signingOutForgetsTheCallerAndTheUserTheSessionBelongedTo() {
        StoredSession session = loadedSignedIn("alice", new SignedInCaller("alice", Set.of("customer")));

        session.row().signedOut();
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.row().signedIn()).isNull();
        assertThat(write.row().principalName()).isNull();
        assertThat(session.row().signedIn()).isNull();
    }

    @Test
    void signingOutOfASessionThatKeepsNobodyWritesNothing() {
        StoredSession session = loadedSignedIn(null, null);

        session.row().signedOut();

        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    private StoredSession stampedStored(long storedVisits, Map<String, byte[]> attributes) {
        return loaded(stamping, record(NOW - 5_000, NOW - 1_000, null, null, attributes, storedVisits, NOW - 1_000));
    }

    @Test
    void aNewSessionsFirstVisitIsWrittenWithItsRowAndFiresNoAttributeEvent() {
        StoredSession session = StoredSession.create(null, stamping, "id-1", NOW, null);

        session.stampVisit(NOW, new PendingVisits());
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.newSession()).isTrue();
        assertThat(write.row().visits()).isEqualTo(1);
        assertThat(write.row().lastRequestMs()).isEqualTo(NOW);
        assertThat(write.insertedAttributes()).isEmpty();
        assertThat(session.getAttribute("visits")).isEqualTo(1L);
        assertThat(session.getAttribute("startDate")).isEqualTo(NOW);
        assertThat(Collections.list(session.getAttributeNames()))
                .containsExactlyInAnyOrder("startDate", "lastRequestDate", "visits");
        verify(events, never()).attributeAdded(any(), any(), any());
    }

    @Test
    void aStoredSessionsVisitWritesNothingWithTheRequestAndIsCountedOnTheNode() {
        StoredSession session = stampedStored(4, Map.of());
        PendingVisits pending = new PendingVisits();
        assertThat(session.getAttribute("visits")).isEqualTo(4L);
        assertThat(session.getAttribute("lastRequestDate")).isEqualTo(NOW - 1_000);

        session.stampVisit(NOW, pending);

        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
        assertThat(session.getAttribute("visits")).isEqualTo(5L);
        assertThat(session.getAttribute("lastRequestDate")).isEqualTo(NOW);
        assertThat(session.getAttribute("startDate")).isEqualTo(NOW - 5_000);
        assertThat(pending.stamp(StorageKeys.of("id-1"), 4, 1, NOW + 1)).isEqualTo(6); // the node holds the first one
    }

    @Test
    void theStampsAreSessionDbsWhileStampingIsOn() {
        StoredSession session = stampedStored(4, Map.of());

        session.setAttribute("visits", 99L);
        session.removeAttribute("startDate");

        assertThat(session.getAttribute("visits")).isEqualTo(4L);
        assertThat(session.getAttribute("startDate")).isEqualTo(NOW - 5_000);
        assertThat(session.pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void whileStampingIsOffTheStampNamesArePlainAttributes() {
        StoredSession session = loaded(NOW - 1_000, Map.of());

        session.setAttribute("visits", 99L);

        assertThat(session.getAttribute("visits")).isEqualTo(99L);
        assertThat(session.pendingWrite(NOW, TOUCH_MS).insertedAttributes()).containsOnlyKeys("visits");
    }

    @Test
    void aCountKeptInAttributesBeforeTheStampsHadColumnsCarriesOverAtTheFirstStamp() {
        StoredSession session = stampedStored(
                0,
                Map.of(
                        "visits", bytes("visits", 7L),
                        "startDate", bytes("startDate", NOW - 9_000),
                        "lastRequestDate", bytes("lastRequestDate", NOW - 2_000),
                        "cart", bytes("cart", "pear")));
        PendingVisits pending = new PendingVisits();
        assertThat(session.getAttribute("visits")).isEqualTo(7L);

        session.stampVisit(NOW, pending);

        assertThat(session.getAttribute("visits")).isEqualTo(8L);
        assertThat(Collections.list(session.getAttributeNames()))
                .containsExactlyInAnyOrder("startDate", "lastRequestDate", "visits", "cart");
        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);
        assertThat(write.removedAttributes()).containsExactlyInAnyOrder("visits", "startDate", "lastRequestDate");
        assertThat(pending.stamp(StorageKeys.of("id-1"), 0, 1, NOW + 1)).isEqualTo(9); // all 8 wait for the flush
    }

    /** A list attribute that concurrent requests change in place, thread-safe as such a value must be. */
    static final class SharedItems implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
        private final List<String> items = new ArrayList<>();

        synchronized void add(String item) {
            items.add(item);
        }

        private synchronized void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            out.defaultWriteObject();
        }
    }

    @Test
    void concurrentRequestsSavingOneSessionTakeTurnsAndTheLastSaveHoldsEveryChange() throws Exception {
        store.insert("id-1", 1800, Map.of("items", new SharedItems()));
        StoredSession session = StoredSession.load(
                null, cache, "id-1", repository.findById("id-1").orElseThrow(), System.currentTimeMillis());
        AtomicInteger saving = new AtomicInteger();
        doAnswer(invocation -> {
                    assertThat(saving.incrementAndGet()).as("saves overlapping").isOne();
                    try {
                        return invocation.callRealMethod();
                    } finally {
                        saving.decrementAndGet();
                    }
                })
                .when(repository)
                .save(any());
        ExecutorService requests = Executors.newFixedThreadPool(20);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String item = "item-" + i;
                done.add(requests.submit(() -> {
                    ((SharedItems) session.getAttribute("items")).add(item);
                    session.saves().save(repository, System.currentTimeMillis(), TOUCH_MS);
                }));
            }
            for (Future<?> request : done) {
                request.get(10, TimeUnit.SECONDS);
            }
        } finally {
            requests.shutdownNow();
        }

        assertThat(((SharedItems) store.attribute("id-1", "items", LIMITS)).items)
                .hasSize(20);
        assertThat(session.pendingWrite(System.currentTimeMillis(), TOUCH_MS))
                .as("nothing left unsaved")
                .isNull();
        assertThat(session.row().version()).isEqualTo(store.sessionColumn("id-1", "version"));
    }
}
