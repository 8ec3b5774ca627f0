package io.sessiondb.web;

import io.sessiondb.config.AttributeLimits;
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
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} an application gets: attributes held in memory for one request and compared,
 * at save time, with what the database holds, so only changes are written. Values are serialized when
 * set (an unstorable or too large value fails there, naming the attribute) and deserialized, through the
 * allowlist of {@link AttributeLimits}, only when read.
 *
 * <p>Used by one request thread at a time, like the request that owns it.
 */
public final class StoredSession implements HttpSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());

    private final ServletContext servletContext;
    private final SessionEvents events;
    private final RequestSession owner;
    private final AttributeLimits limits;
    private final long creationTimeMs;
    private final long lastAccessedTimeMs;
    private final boolean isNew;

    private String id;
    /** The access time the database holds, which decides when the next touch is due. */
    private long storedAccessMs;

    private int maxInactiveSeconds;
    private boolean maxInactiveChanged;
    /** The name of the user the session belongs to, or null while nobody signed in. */
    private String principalName;

    private boolean principalChanged;
    private boolean stored;
    /** Whether this object wrote the session's row, which proves the session still exists under its id. */
    private boolean rowWritten;

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
            AttributeLimits limits,
            String id,
            long creationTimeMs,
            long lastAccessedTimeMs,
            int maxInactiveSeconds,
            boolean isNew,
            String principalName,
            Map<String, byte[]> storedBytes) {
        this.servletContext = servletContext;
        this.events = events;
        this.owner = owner;
        this.limits = limits;
        this.id = id;
        this.creationTimeMs = creationTimeMs;
        this.lastAccessedTimeMs = lastAccessedTimeMs;
        this.storedAccessMs = lastAccessedTimeMs;
        this.maxInactiveSeconds = maxInactiveSeconds;
        this.isNew = isNew;
        this.stored = !isNew;
        this.principalName = principalName;
        this.storedBytes = new HashMap<>(storedBytes);
        storedBytes.forEach((name, bytes) -> attributes.put(name, Slot.stored(bytes)));
    }

    static StoredSession create(
            ServletContext context,
            SessionEvents events,
            RequestSession owner,
            AttributeLimits limits,
            String id,
            long nowMs,
            int timeoutSeconds) {
        return new StoredSession(
                context, events, owner, limits, id, nowMs, nowMs, timeoutSeconds, true, null, Map.of());
    }

    static StoredSession load(
            ServletContext context,
            SessionEvents events,
            RequestSession owner,
            AttributeLimits limits,
            String id,
            SessionRecord record) {
        return new StoredSession(
                context,
                events,
                owner,
                limits,
                id,
                record.createdMs(),
                record.lastAccessedMs(),
                record.maxInactiveSeconds(),
                false,
                record.principalName(),
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
                slot.value = AttributeCodec.deserialize(name, slot.bytes, limits);
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
     * @throws IllegalArgumentException naming the attribute when the value cannot be serialized, when its
     *     serialized form is larger than the attribute limit, or when it would make the session larger than
     *     the session limit (naming the sizes and the limit); the session is then unchanged
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
        byte[] bytes = AttributeCodec.serialize(name, value, limits);
        checkSessionLimit(name, bytes);
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

    /**
     * Refuses a value that would make the session's serialized attributes larger than the session limit.
     * A change that does not grow the session is always accepted, so a session already over a lowered
     * limit can still shrink and keep working.
     */
    private void checkSessionLimit(String name, byte[] bytes) {
        long others = storedSizeWithout(name);
        long before = others + storedSizeOf(name);
        long after = others + bytes.length;
        if (after > limits.maxSessionBytes() && after > before) {
            throw new IllegalArgumentException("Session attribute '" + name + "' cannot be stored: at "
                    + bytes.length + " bytes serialized it would make the session " + after
                    + " bytes, over the limit of " + limits.maxSessionBytes() + " bytes ("
                    + AttributeLimits.MAX_SESSION_BYTES + ")");
        }
    }

    /**
     * The serialized size of every attribute but {@code name} (null: every attribute), unreadable ones
     * included: they stay stored.
     */
    private long storedSizeWithout(String name) {
        long total = 0;
        for (Map.Entry<String, Slot> entry : attributes.entrySet()) {
            if (!entry.getKey().equals(name)) {
                total += entry.getValue().bytes.length;
            }
        }
        for (String hidden : unreadable) {
            if (!hidden.equals(name)) {
                total += storedBytes.get(hidden).length;
            }
        }
        return total;
    }

    private long storedSizeOf(String name) {
        Slot slot = attributes.get(name);
        if (slot != null) {
            return slot.bytes.length;
        }
        return unreadable.contains(name) ? storedBytes.get(name).length : 0;
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

    String principalName() {
        return principalName;
    }

    /** Records a new principal; the next save writes it. */
    void principalChanged(String name) {
        principalName = name;
        principalChanged = true;
    }

    /** Records a principal the store already holds (it was written with an id change). */
    void principalStored(String name) {
        principalName = name;
        principalChanged = false;
        rowWritten = true;
    }

    boolean rowWritten() {
        return rowWritten;
    }

    /**
     * What a save must write now, or null for nothing: a new session is written once it holds an
     * attribute; a stored one when an attribute changed, its timeout changed, or its access time is older
     * than {@code touchIntervalMs}.
     */
    SessionWrite pendingWrite(long nowMs, long touchIntervalMs) {
        Map<String, byte[]> currentBytes = currentBytesWithinLimits();
        Map<String, byte[]> inserted = new HashMap<>();
        Map<String, byte[]> updated = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : currentBytes.entrySet()) {
            String name = entry.getKey();
            byte[] current = entry.getValue();
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
        SessionMetadata metadata =
                attributesChanged || maxInactiveChanged || principalChanged || touchDue ? metadata(nowMs) : null;
        SessionWrite write = new SessionWrite(id, false, metadata, inserted, updated, removed);
        return write.isEmpty() ? null : write;
    }

    /**
     * Every attribute's serialized form as it should be written. A value mutated in place since it was
     * last serialized is serialized again; if that breaks the attribute limit (see {@link Slot}) or, with
     * the others, the session limit, its last storable form is kept instead, the largest growths
     * first, with a warning naming each.
     */
    private Map<String, byte[]> currentBytesWithinLimits() {
        Map<String, byte[]> current = new LinkedHashMap<>();
        Map<String, byte[]> grownFrom = new HashMap<>();
        long total = storedSizeWithout(null);
        for (Map.Entry<String, Slot> entry : attributes.entrySet()) {
            String name = entry.getKey();
            Slot slot = entry.getValue();
            byte[] last = slot.bytes;
            byte[] now = slot.currentBytes(name, limits);
            current.put(name, now);
            total += now.length - last.length;
            if (now.length > last.length) {
                grownFrom.put(name, last);
            }
        }
        List<String> grown = new ArrayList<>(grownFrom.keySet());
        grown.sort(Comparator.comparingLong((String name) -> current.get(name).length - grownFrom.get(name).length)
                .reversed());
        for (String name : grown) {
            if (total <= limits.maxSessionBytes()) {
                break;
            }
            byte[] last = grownFrom.get(name);
            long sessionBytes = total;
            LOG.warning(() -> "Session attribute '" + name + "' changed in place to " + current.get(name).length
                    + " bytes serialized, making the session " + sessionBytes + " bytes, over the limit of "
                    + limits.maxSessionBytes() + " bytes (" + AttributeLimits.MAX_SESSION_BYTES
                    + "): keeping its last storable value of " + last.length + " bytes");
            total -= current.get(name).length - last.length;
            attributes.get(name).keep(last);
            current.put(name, last);
        }
        return current;
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
            rowWritten = true;
        }
        stored = true;
        maxInactiveChanged = false;
        principalChanged = false;
    }

    /** Marks the session gone without touching the database (someone else deleted it). */
    void discard() {
        valid = false;
    }

    private SessionMetadata metadata(long nowMs) {
        return new SessionMetadata(nowMs, maxInactiveSeconds, principalName);
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

        /**
         * The value's serialized form now: a live mutable value may have changed since it was read. One
         * that no longer serializes, or has outgrown the attribute limit, keeps its last storable form.
         */
        byte[] currentBytes(String name, AttributeLimits limits) {
            if (!read || isImmutable(value)) {
                return bytes;
            }
            try {
                bytes = AttributeCodec.serialize(name, value, limits);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Keeping the last storable value: " + e.getMessage(), e);
            }
            return bytes;
        }

        /** Stores {@code last} rather than the live value's form, which broke the session limit. */
        void keep(byte[] last) {
            bytes = last;
        }

        private static boolean isImmutable(Object value) {
            return value instanceof String
                    || value instanceof Number && value.getClass().getName().startsWith("java.lang.")
                    || value instanceof Boolean
                    || value instanceof Character;
        }
    }
}
