package io.sessiondb.history;

import java.util.Arrays;

/** What one operation of a history does; {@link #wire()} names it in the history file. */
enum OpType {
    READ("read"),
    CART_ADD("cart-add"),
    OWN_SET("own-set"),
    COUNTER("counter"),
    SIGN_IN("sign-in"),
    SIGN_OUT("sign-out"),
    CHANGE_ID("change-id"),
    /** Sets the session's timeout to 1 s, then the group stays idle until {@link Op#idleUntilNs()}. */
    EXPIRE("expire"),
    /** The admin API's {@code DELETE /api/admin/sessions?principal=<the group's user>}. */
    REVOKE("revoke");

    private final String wire;

    OpType(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static OpType ofWire(String wire) {
        return Arrays.stream(values())
                .filter(t -> t.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation type " + wire));
    }

    /** Whether the operation ends or re-keys a session: a write that overlaps one of these may be lost. */
    boolean isBoundary() {
        return this == SIGN_IN || this == SIGN_OUT || this == CHANGE_ID || this == EXPIRE || this == REVOKE;
    }

    /** Whether an ok answer carries the session's whole state after the operation. */
    boolean answersState() {
        return this != SIGN_OUT && this != REVOKE;
    }
}
