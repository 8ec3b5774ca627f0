package io.sessiondb.web;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.UnreadableAttributeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A session's attributes (guarded by the {@link StoredSession} they belong to): the live values, their serialized forms, what the database holds, and the size
 * budget of {@link AttributeLimits}. Values are serialized when set (an unstorable or too large value
 * fails there, naming the attribute) and deserialized, through the allowlist, only when read; a save
 * writes only the attributes whose serialized form differs from the stored one.
 */
final class SessionAttributes {

    private static final Logger LOG = Logger.getLogger(SessionAttributes.class.getName());

    private final AttributeLimits limits;
    /** The attributes as the session's requests see them. */
    private final Map<String, AttributeSlot> slots = new LinkedHashMap<>();
    /** The serialized attributes as the database holds them. */
    private Map<String, byte[]> storedBytes;
    /** Stored attributes this node could not read: hidden from the application, left alone in the database. */
    private final Set<String> unreadable = new HashSet<>();

    /** What a save must write of the attributes; every part empty when nothing changed. */
    record Changes(Map<String, byte[]> inserted, Map<String, byte[]> updated, Set<String> removed) {

        boolean isEmpty() {
            return inserted.isEmpty() && updated.isEmpty() && removed.isEmpty();
        }
    }

    SessionAttributes(AttributeLimits limits, Map<String, byte[]> stored) {
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

    /** The value, read on first use; null when absent or unreadable (then hidden, and left stored). */
    Object get(String name) {
        AttributeSlot slot = slots.get(name);
        if (slot == null) {
            return null;
        }
        if (!slot.read) {
            try {
                slot.value = AttributeCodec.deserialize(name, slot.bytes, limits);
                slot.read = true;
            } catch (UnreadableAttributeException e) {
                LOG.log(Level.WARNING, "Dropping unreadable attribute from this request: " + e.getMessage(), e);
                slots.remove(name);
                unreadable.add(name);
                return null;
            }
        }
        return slot.value;
    }

    /**
     * The serialized form {@code value} would be stored as.
     *
     * @throws IllegalArgumentException naming the attribute when the value cannot be serialized, is larger
     *     than the attribute limit, or would make the session larger than the session limit
     */
    byte[] serialize(String name, Object value) {
        byte[] bytes = AttributeCodec.serialize(name, value, limits);
        checkSessionLimit(name, bytes);
        return bytes;
    }

    /** Sets a value with its form from {@link #serialize}. */
    void put(String name, Object value, byte[] bytes) {
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
        Map<String, byte[]> current = currentBytesWithinLimits();
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
    SessionAttributes copy() {
        SessionAttributes copy = new SessionAttributes(limits, storedBytes);
        copy.slots.clear();
        currentBytesWithinLimits().forEach((name, bytes) -> copy.slots.put(name, AttributeSlot.stored(bytes)));
        copy.unreadable.addAll(unreadable);
        return copy;
    }

    /** Removes every attribute, returning their values by name (for the listeners), unreadable ones left out. */
    Map<String, Object> removeAll() {
        Map<String, Object> removed = new LinkedHashMap<>();
        for (String name : names()) {
            Object value = get(name);
            if (slots.remove(name) != null) {
                removed.put(name, value);
            }
        }
        return removed;
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
        for (Map.Entry<String, byte[]> entry : currentBytesWithinLimits().entrySet()) {
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

    /**
     * Every attribute's serialized form as it should be written. A value mutated in place since it was
     * last serialized is serialized again; if that breaks the attribute limit (see {@link AttributeSlot}) or, with
     * the others, the session limit, its last storable form is kept instead, the largest growths
     * first, with a warning naming each.
     */
    private Map<String, byte[]> currentBytesWithinLimits() {
        Map<String, byte[]> current = new LinkedHashMap<>();
        Map<String, byte[]> grownFrom = new HashMap<>();
        long total = storedSizeWithout(null);
        for (Map.Entry<String, AttributeSlot> entry : slots.entrySet()) {
            String name = entry.getKey();
            AttributeSlot slot = entry.getValue();
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
            slots.get(name).keep(last);
            current.put(name, last);
        }
        return current;
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
