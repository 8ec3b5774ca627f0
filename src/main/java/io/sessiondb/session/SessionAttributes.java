package io.sessiondb.session;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.UnreadableAttributeException;
import jakarta.servlet.http.HttpSessionActivationListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A session's attributes (guarded by the lock of the {@link StoredSession} they belong to): the live values,
 * their serialized forms, what the database holds, and the size budget of {@link AttributeLimits}. Values
 * are serialized when set (an unstorable or too large value fails there, naming the attribute) and
 * deserialized, through the allowlist, only when read; a save writes only the attributes whose serialized
 * form differs from the stored one. Serializing and deserializing run application code, so the methods
 * that do ({@link #read}, {@link #valueOf}, {@link #reserialize}, {@link #removeAll}) are called without
 * the lock and take it themselves only around their bookkeeping.
 */
final class SessionAttributes {

    private static final Logger LOG = Logger.getLogger(SessionAttributes.class.getName());

    /** The session's lock. */
    private final Object lock;

    private final AttributeLimits limits;
    /** The attributes as the session's requests see them. */
    private final Map<String, AttributeSlot> slots = new LinkedHashMap<>();
    /** The serialized attributes as the database holds them. */
    private Map<String, byte[]> storedBytes;
    /** Stored attributes this node could not read: hidden from the application, left alone in the database. */
    private final Set<String> unreadable = new HashSet<>();
    /** Counts the re-serializations begun, so that one taken earlier never replaces a later one's forms. */
    private long serializations;
    /** Told of each value a load brought back to life ({@link #onActivated}). */
    private volatile Consumer<Object> activated = value -> {};

    /** What a save must write of the attributes; every part empty when nothing changed. */
    record Changes(Map<String, byte[]> inserted, Map<String, byte[]> updated, Set<String> removed) {

        boolean isEmpty() {
            return inserted.isEmpty() && updated.isEmpty() && removed.isEmpty();
        }
    }

    SessionAttributes(Object lock, AttributeLimits limits, Map<String, byte[]> stored) {
        this.lock = lock;
        this.limits = limits;
        this.storedBytes = new HashMap<>(stored);
        stored.forEach((name, bytes) -> slots.put(name, AttributeSlot.stored(bytes)));
    }

    boolean contains(String name) {
        return slots.containsKey(name);
    }

    List<String> names() {
        return new ArrayList<>(slots.keySet());
    }

    /** The attribute's slot, or null when absent or unreadable. */
    AttributeSlot slot(String name) {
        return slots.get(name);
    }

    /**
     * The value, read on first use; null when absent or unreadable (then hidden, and left stored). Only for
     * a session no other thread sees yet: it deserializes in place.
     */
    Object get(String name) {
        AttributeSlot slot = slots.get(name);
        return slot == null ? null : slot.read ? slot.value : read(name, slot);
    }

    /**
     * The value of {@code slot}, found under the lock and not read yet, deserialized outside the lock; it
     * becomes the attribute's live value unless the attribute changed meanwhile or another request read it
     * first: every request gets the one live value. Null when unreadable (then hidden, and left stored).
     */
    Object read(String name, AttributeSlot slot) {
        Object value;
        try {
            value = AttributeCodec.deserialize(name, slot.bytes, limits);
        } catch (UnreadableAttributeException e) {
            synchronized (lock) {
                unreadable(name, slot, e);
            }
            return null;
        }
        boolean live = false;
        Object result;
        synchronized (lock) {
            if (slots.get(name) == slot && !slot.read) {
                slot.value = value;
                slot.read = true;
                live = true;
            }
            result = slot.read ? slot.value : value;
        }
        if (live) {
            activated.accept(value);
        }
        return result;
    }

    /**
     * Tells {@code listener} of every value that a load brought back to life here: deserialized from what the
     * database holds and become the attribute's live value. Called without the lock.
     */
    void onActivated(Consumer<Object> listener) {
        activated = listener;
    }

    /** The live values that listen for their session's passivation and activation. */
    List<HttpSessionActivationListener> activationListeners() {
        List<HttpSessionActivationListener> listeners = new ArrayList<>(0);
        synchronized (lock) {
            slots.values().forEach(slot -> {
                if (slot.read && slot.value instanceof HttpSessionActivationListener listener) {
                    listeners.add(listener);
                }
            });
        }
        return listeners;
    }

    /** The value of a slot found under the lock, read if it was not: for the listeners of its removal. */
    Object valueOf(String name, AttributeSlot slot) {
        synchronized (lock) {
            if (slot.read) {
                return slot.value;
            }
        }
        return read(name, slot);
    }

    private void unreadable(String name, AttributeSlot slot, UnreadableAttributeException e) {
        LOG.log(Level.WARNING, "Dropping unreadable attribute from this request: " + e.getMessage(), e);
        if (slots.get(name) == slot) {
            slots.remove(name);
            unreadable.add(name);
        }
    }

    AttributeLimits limits() {
        return limits;
    }

    /**
     * Sets a value with its serialized form.
     *
     * @throws IllegalArgumentException naming the attribute when it would make the session larger than the
     *     session limit; the attributes are then unchanged
     */
    void put(String name, Object value, byte[] bytes) {
        checkSessionLimit(name, bytes);
        slots.put(name, AttributeSlot.set(value, bytes));
        unreadable.remove(name);
    }

    void remove(String name) {
        slots.remove(name);
    }

    /**
     * Takes what the database holds now ({@code stored}) for every attribute not changed here since the last
     * save; one changed here keeps its value and is written by the next save. An attribute whose stored
     * value did not change keeps its live value.
     */
    void refresh(Map<String, byte[]> stored) {
        Map<String, byte[]> current = currentBytes();
        Set<String> names = new HashSet<>(storedBytes.keySet());
        names.addAll(current.keySet());
        names.addAll(stored.keySet());
        for (String name : names) {
            byte[] before = storedBytes.get(name);
            boolean changedHere = !unreadable.contains(name) && !Arrays.equals(before, current.get(name));
            byte[] theirs = stored.get(name);
            if (changedHere || Arrays.equals(before, theirs)) {
                continue;
            }
            unreadable.remove(name);
            if (theirs == null) {
                slots.remove(name);
            } else {
                slots.put(name, AttributeSlot.stored(theirs));
            }
        }
        storedBytes = new HashMap<>(stored);
    }

    /**
     * A copy holding what these attributes would be written as now, and the same stored baseline; its
     * values are read afresh from their serialized forms, so the two share no live object.
     */
    SessionAttributes copy(Object copyLock) {
        SessionAttributes copy = new SessionAttributes(copyLock, limits, storedBytes);
        copy.slots.clear();
        currentBytes().forEach((name, bytes) -> copy.slots.put(name, AttributeSlot.stored(bytes)));
        copy.unreadable.addAll(unreadable);
        return copy;
    }

    /** Removes every attribute, returning their values by name (for the listeners), unreadable ones left out. */
    Map<String, Object> removeAll() {
        Map<String, AttributeSlot> removed;
        synchronized (lock) {
            removed = new LinkedHashMap<>(slots);
            slots.clear();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        removed.forEach((name, slot) -> {
            Object value = slot.read ? slot.value : readRemoved(name, slot);
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private Object readRemoved(String name, AttributeSlot slot) {
        try {
            return AttributeCodec.deserialize(name, slot.bytes, limits);
        } catch (UnreadableAttributeException e) {
            return null;
        }
    }

    /** The serialized size of every attribute as last serialized, unreadable ones included. */
    long size() {
        return storedSizeWithout(null);
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
        for (Map.Entry<String, AttributeSlot> entry : slots.entrySet()) {
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
        AttributeSlot slot = slots.get(name);
        if (slot != null) {
            return slot.bytes.length;
        }
        return unreadable.contains(name) ? storedBytes.get(name).length : 0;
    }

    /** What differs from what the database holds; unreadable attributes are left as they are. */
    Changes changes() {
        Map<String, byte[]> inserted = new HashMap<>();
        Map<String, byte[]> updated = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : currentBytes().entrySet()) {
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
        removed.removeAll(slots.keySet());
        removed.removeAll(unreadable);
        return new Changes(inserted, updated, removed);
    }

    /** Every attribute's serialized form as last taken, in order. */
    private Map<String, byte[]> currentBytes() {
        Map<String, byte[]> current = new LinkedHashMap<>();
        slots.forEach((name, slot) -> current.put(name, slot.bytes));
        return current;
    }

    /**
     * Serializes again, outside the lock, the live values that may have changed in place since they were
     * serialized, so that {@link #changes} and {@link #refresh} see changes made without {@code
     * setAttribute}; a value that no longer serializes keeps its last form. Requests of a busy session may
     * do this at once: a form taken later than the slot's present one replaces it, an older one is dropped,
     * so every request's changes made before its call are in the form a save writes after it.
     */
    void reserialize() {
        Map<String, AttributeSlot> mutable = new LinkedHashMap<>();
        Map<AttributeSlot, Object> values = new IdentityHashMap<>();
        long taken;
        synchronized (lock) {
            slots.forEach((name, slot) -> {
                if (slot.mutable()) {
                    mutable.put(name, slot);
                    values.put(slot, slot.value);
                }
            });
            taken = ++serializations;
        }
        if (mutable.isEmpty()) {
            return;
        }
        Map<AttributeSlot, byte[]> fresh = new IdentityHashMap<>();
        mutable.forEach((name, slot) -> {
            byte[] bytes = AttributeSlot.serializeLive(name, values.get(slot), limits);
            if (bytes != null) {
                fresh.put(slot, bytes);
            }
        });
        synchronized (lock) {
            fresh.keySet().removeIf(slot -> slot.serializedAt > taken);
            fresh.keySet().forEach(slot -> slot.serializedAt = taken);
            reserialized(fresh);
        }
    }

    /**
     * Takes the forms live values were serialized to again, for the slots still current. If that breaks the
     * session limit with the others, a grown value's last storable form is kept instead, the largest
     * growths first, with a warning naming each.
     */
    private void reserialized(Map<AttributeSlot, byte[]> fresh) {
        long total = storedSizeWithout(null);
        Map<String, byte[]> grownTo = new HashMap<>();
        for (Map.Entry<String, AttributeSlot> entry : slots.entrySet()) {
            byte[] now = fresh.get(entry.getValue());
            if (now != null && now.length > entry.getValue().bytes.length) {
                grownTo.put(entry.getKey(), now);
                total += now.length - entry.getValue().bytes.length;
            } else if (now != null) {
                entry.getValue().bytes = now;
            }
        }
        List<String> grown = new ArrayList<>(grownTo.keySet());
        grown.sort(Comparator.comparingLong((String name) -> grownTo.get(name).length - slots.get(name).bytes.length)
                .reversed());
        for (String name : grown) {
            byte[] last = slots.get(name).bytes;
            byte[] now = grownTo.get(name);
            if (total > limits.maxSessionBytes()) {
                long sessionBytes = total;
                LOG.warning(() -> "Session attribute '" + name + "' changed in place to " + now.length
                        + " bytes serialized, making the session " + sessionBytes + " bytes, over the limit of "
                        + limits.maxSessionBytes() + " bytes (" + AttributeLimits.MAX_SESSION_BYTES
                        + "): keeping its last storable value of " + last.length + " bytes");
                total -= now.length - last.length;
            } else {
                slots.get(name).bytes = now;
            }
        }
    }

    /** Records that a write landed: the database now holds these attributes. */
    void saved(SessionWrite write) {
        Map<String, byte[]> now = new HashMap<>(storedBytes);
        now.putAll(write.insertedAttributes());
        now.putAll(write.updatedAttributes());
        write.removedAttributes().forEach(now::remove);
        storedBytes = now;
    }
}
