package io.sessiondb.web;

import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionMetadata;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.UnreadableAttributeException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} an application gets: attributes held in memory for one request and compared,
 * at save time, with what the database holds, so only changes are written. Values are serialized when
 * set (an unstorable value fails there, naming the attribute) and deserialized only when read.
 *
 * <p>Used by one request thread at a time, like the request that owns it.
 */
public final class StoredSession implements HttpSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());

    private final ServletContext servletContext;
    private final SessionEvents events;
    private final RequestSession owner;
    private final long creationTimeMs;
    private final long lastAccessedTimeMs;
    private final boolean isNew;

    private String id;
    /** The access time the database holds, which decides when the next touch is due. */
    private long storedAccessMs;

    private int maxInactiveSeconds;
    private boolean maxInactiveChanged;
    private boolean stored;
    private boolean valid = true;
    /** The attributes as this request sees them. */
    private final Map<String, Slot> attributes = new LinkedHashMap<>();
    /** The serialized attributes as the database holds them. */
    private Map<String, byte[]> storedBytes;
    /** Stored attributes this node could not read: hidden from the application, left alone in the database. */
    private final Set<String> unreadable = new HashSet<>();

    private StoredSession(
            ServletContext servletContext,
            SessionEvents events,
            RequestSession owner,
            String id,
            long creationTimeMs,
            long lastAccessedTimeMs,
            int maxInactiveSeconds,
            boolean isNew,
            Map<String, byte[]> storedBytes) {
        this.servletContext = servletContext;
        this.events = events;
        this.owner = owner;
        this.id = id;
        this.creationTimeMs = creationTimeMs;
        this.lastAccessedTimeMs = lastAccessedTimeMs;
        this.storedAccessMs = lastAccessedTimeMs;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.isNew = isNew;
        this.stored = !isNew;
        this.storedBytes = new HashMap<>(storedBytes);
        storedBytes.forEach((name, bytes) -> attributes.put(name, Slot.stored(bytes)));
    }

    static StoredSession create(
            ServletContext context,
            SessionEvents events,
            RequestSession owner,
            String id,
            long nowMs,
            int timeoutSeconds) {
        return new StoredSession(context, events, owner, id, nowMs, nowMs, timeoutSeconds, true, Map.of());
    }

    static StoredSession load(
            ServletContext context, SessionEvents events, RequestSession owner, String id, SessionRecord record) {
        return new StoredSession(
                context,
                events,
                owner,
                id,
                record.createdMs(),
                record.lastAccessedMs(),
                record.maxInactiveSeconds(),
                false,
                record.attributes());
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return creationTimeMs;
    }

    @Override
    public String getId() {
        return id;
    }

    /** The last stored access time; the store writes it at most once per touch interval. */
    @Override
    public long getLastAccessedTime() {
        checkValid();
        return lastAccessedTimeMs;
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        checkValid();
        if (interval != maxInactiveSeconds) {
            maxInactiveSeconds = interval;
            maxInactiveChanged = true;
        }
    }

    @Override
    public int getMaxInactiveInterval() {
        return maxInactiveSeconds;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        Slot slot = attributes.get(name);
        if (slot == null) {
            return null;
        }
        if (!slot.read) {
            try {
                slot.value = AttributeCodec.deserialize(name, slot.bytes);
                slot.read = true;
            } catch (UnreadableAttributeException e) {
                LOG.log(Level.WARNING, "Dropping unreadable attribute from this request: " + e.getMessage(), e);
                attributes.remove(name);
                unreadable.add(name);
                return null;
            }
        }
        return slot.value;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    /**
     * Sets an attribute; {@code null} removes it.
     *
     * @throws IllegalArgumentException naming the attribute when the value cannot be serialized
     */
    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        if (name == null) {
            throw new IllegalArgumentException("Session attribute name must not be null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        byte[] bytes = AttributeCodec.serialize(name, value);
        boolean existed = attributes.containsKey(name);
        Object oldValue = existed ? getAttribute(name) : null;
        attributes.put(name, Slot.set(value, bytes));
        unreadable.remove(name);
        if (existed) {
            events.attributeReplaced(this, name, oldValue, value);
        } else {
            events.attributeAdded(this, name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        if (!attributes.containsKey(name)) {
            return;
        }
        Object oldValue = getAttribute(name);
        attributes.remove(name);
        events.attributeRemoved(this, name, oldValue);
    }

    /** Deletes the session's row now, then notifies listeners and unbinds every attribute. */
    @Override
    public void invalidate() {
        checkValid();
        owner.invalidate(this);
        events.destroyed(this);
        for (String name : new ArrayList<>(attributes.keySet())) {
            Object value = getAttribute(name);
            attributes.remove(name);
            events.attributeRemoved(this, name, value);
        }
        valid = false;
    }

    @Override
    public boolean isNew() {
        checkValid();
        return isNew;
    }

    boolean isValid() {
        return valid;
    }

    boolean isStored() {
        return stored;
    }

    void changeId(String newId) {
        String oldId = id;
        id = newId;
        events.idChanged(this, oldId);
    }

    /**
     * What a save must write now, or null for nothing: a new session is written once it holds an
     * attribute; a stored one when an attribute changed, its timeout changed, or its access time is older
     * than {@code touchIntervalMs}.
     */
    SessionWrite pendingWrite(long nowMs, long touchIntervalMs) {
        Map<String, byte[]> inserted = new HashMap<>();
        Map<String, byte[]> updated = new HashMap<>();
        for (Map.Entry<String, Slot> entry : attributes.entrySet()) {
            String name = entry.getKey();
            byte[] current = entry.getValue().currentBytes(name);
            byte[] before = storedBytes.get(name);
            if (before == null) {
                inserted.put(name, current);
            } else if (!Arrays.equals(before, current)) {
                updated.put(name, current);
            }
        }
        Set<String> removed = new HashSet<>(storedBytes.keySet());
        removed.removeAll(attributes.keySet());
        removed.removeAll(unreadable);

        if (!stored) {
            return inserted.isEmpty()
                    ? null
                    : new SessionWrite(id, true, metadata(nowMs), inserted, Map.of(), Set.of());
        }
        boolean attributesChanged = !inserted.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
        boolean touchDue = nowMs - storedAccessMs >= touchIntervalMs;
        // an attribute write also rewrites the row, which tells us the session still exists
        SessionMetadata metadata = attributesChanged || maxInactiveChanged || touchDue ? metadata(nowMs) : null;
        SessionWrite write = new SessionWrite(id, false, metadata, inserted, updated, removed);
        return write.isEmpty() ? null : write;
    }

    /** Records that a write landed: the database now holds what this session holds. */
    void saved(SessionWrite write) {
        Map<String, byte[]> now = new HashMap<>(storedBytes);
        now.putAll(write.insertedAttributes());
        now.putAll(write.updatedAttributes());
        write.removedAttributes().forEach(now::remove);
        storedBytes = now;
        if (write.metadata() != null) {
            storedAccessMs = write.metadata().lastAccessedMs();
        }
        stored = true;
        maxInactiveChanged = false;
    }

    /** Marks the session gone without touching the database (someone else deleted it). */
    void discard() {
        valid = false;
    }

    private SessionMetadata metadata(long nowMs) {
        return new SessionMetadata(creationTimeMs, nowMs, maxInactiveSeconds);
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("Session " + SessionLog.fingerprint(id) + " has been invalidated");
        }
    }

    /** One attribute: its stored bytes, and its live value once read or set. */
    private static final class Slot {

        private byte[] bytes;
        private Object value;
        private boolean read;

        static Slot stored(byte[] bytes) {
            Slot slot = new Slot();
            slot.bytes = bytes;
            return slot;
        }

        static Slot set(Object value, byte[] bytes) {
            Slot slot = new Slot();
            slot.value = value;
            slot.bytes = bytes;
            slot.read = true;
            return slot;
        }

        /** The value's serialized form now: a live mutable value may have changed since it was read. */
        byte[] currentBytes(String name) {
            if (!read || isImmutable(value)) {
                return bytes;
            }
            try {
                bytes = AttributeCodec.serialize(name, value);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Keeping the last storable value: " + e.getMessage(), e);
            }
            return bytes;
        }

        private static boolean isImmutable(Object value) {
            return value instanceof String
                    || value instanceof Number && value.getClass().getName().startsWith("java.lang.")
                    || value instanceof Boolean
                    || value instanceof Character;
        }
    }
}
