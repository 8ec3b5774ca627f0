package io.sessiondb.web;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.store.AttributeCodec;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One attribute: its stored bytes, and its live value once read or set. */
final class AttributeSlot {

    private static final Logger LOG = Logger.getLogger(AttributeSlot.class.getName());

    byte[] bytes;
    Object value;
    boolean read;

    static AttributeSlot stored(byte[] bytes) {
        AttributeSlot slot = new AttributeSlot();
        slot.bytes = bytes;
        return slot;
    }

    static AttributeSlot set(Object value, byte[] bytes) {
        AttributeSlot slot = new AttributeSlot();
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
