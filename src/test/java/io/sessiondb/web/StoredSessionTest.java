package io.sessiondb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionWrite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredSessionTest {

    private static final long NOW = 1_000_000_000L;
    private static final long TOUCH_MS = 60_000;

    private final SessionEvents events = mock(SessionEvents.class);
    private final RequestSession owner = mock(RequestSession.class);

    private StoredSession fresh() {
        return StoredSession.create(null, events, owner, "id-1", NOW, 1800);
    }

    private StoredSession loaded(long lastAccessedMs, Map<String, byte[]> attributes) {
        return StoredSession.load(
                null, events, owner, "id-1", new SessionRecord("key", NOW - 5_000, lastAccessedMs, 1800, attributes));
    }

    private static byte[] bytes(String name, Object value) {
        return AttributeCodec.serialize(name, value);
    }

    @Test
    void newSessionWithoutAttributesHasNothingToWrite() {
        assertThat(fresh().pendingWrite(NOW, TOUCH_MS)).isNull();
    }

    @Test
    void newSessionWithAnAttributeIsInsertedWhole() {
        StoredSession session = fresh();
        session.setAttribute("a", "1");

        SessionWrite write = session.pendingWrite(NOW, TOUCH_MS);

        assertThat(write.newSession()).isTrue();
        assertThat(write.metadata().createdMs()).isEqualTo(NOW);
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

        assertThat(write.metadata().lastAccessedMs()).isEqualTo(NOW);
        assertThat(write.insertedAttributes()).isEmpty();
        assertThat(write.updatedAttributes()).isEmpty();
        session.saved(write);
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
        assertThat(AttributeCodec.deserialize("cart", write.updatedAttributes().get("cart")))
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
        assertThat(write.metadata())
                .as("the row is rewritten with the attributes")
                .isNotNull();
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
    void invalidatedSessionRefusesEveryAccessor() {
        StoredSession session = loaded(NOW - 1_000, Map.of("a", bytes("a", "1")));

        session.invalidate();

        verify(owner).invalidate(session);
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

        assertThat(write.metadata().maxInactiveSeconds()).isEqualTo(-1);
        assertThat(write.metadata().expiresAtMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void changeIdNotifiesWithTheOldId() {
        StoredSession session = fresh();

        session.changeId("id-2");

        assertThat(session.getId()).isEqualTo("id-2");
        verify(events).idChanged(session, "id-1");
    }
}
