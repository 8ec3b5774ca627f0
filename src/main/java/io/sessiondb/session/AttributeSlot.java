package io.sessiondb.session;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.store.AttributeCodec;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attribute: its serialized form as last taken, and its live value once read or set. Guarded by the
 * session's lock, but for {@link #serializeLive}, which runs application code and so runs outside it.
 */
final class AttributeSlot {

    private static final Logger LOG = Logger.getLogger(AttributeSlot.class.getName());

    byte[] bytes;
    Object value;
    boolean read;
    /** Which re-serialization of its session took {@link #bytes} from the live value; 0 for none. */
    long serializedAt;

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

    /** Whether its live value may have changed in place since it was serialized. */
    boolean mutable() {
        return read && !isImmutable(value);
    }

    /**
     * The live value's serialized form now, or null when it no longer serializes or has outgrown the
     * attribute limit: then it keeps its last storable form.
     *
     * @param value the live value, read under the session's lock
     */
    static byte[] serializeLive(String name, Object value, AttributeLimits limits) {
        try {
            return AttributeCodec.serialize(name, value, limits);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Keeping the last storable value: " + e.getMessage(), e);
            return null;
        }
    }

    private static boolean isImmutable(Object value) {
        return value instanceof String
                || value instanceof Number && value.getClass().getName().startsWith("java.lang.")
                || value instanceof Boolean
                || value instanceof Character;
    }
}
