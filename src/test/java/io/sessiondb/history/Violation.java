package io.sessiondb.history;

import java.util.List;

/**
 * One breach of the consistency model, with the operations that show it.
 *
 * @param ops the operations involved, the one that breaks the rule first after the one it breaks
 */
record Violation(Kind kind, String summary, List<Op> ops) {

    enum Kind {
        /** An acknowledged change that no later read of its incarnation shows, up to the last one. */
        LOST_WRITE("lose nothing: an acknowledged change lost"),
        /** A read older than a change that completed before it started (a later read shows the change). */
        STALE_READ("read what was acknowledged: a read older than a completed change"),
        /** A request with a session's current id found another session or none, though nothing ended it. */
        SESSION_LOST("lose nothing: a live session vanished, nothing ended or moved it"),
        /** A session incarnation seen after it was signed out, revoked or expired. */
        ENDED_SESSION_BACK("ended stays ended: an ended session came back"),
        /** The user seen after a sign-out or revoke, without a sign-in since. */
        ENDED_USER_BACK("ended stays ended: a signed-out user came back"),
        /** A request with the pre-rotation id reported the session's new id. */
        OLD_ID_SAW_NEW_ID("the old id stays out: the new id seen through the old one"),
        /** A request with the pre-rotation id was given the new id's cookie. */
        OLD_ID_GOT_NEW_COOKIE("the old id stays out: the new id's cookie given to the old one"),
        /** A request with the pre-login id reported the user who signed in. */
        OLD_ID_SIGNED_IN("the old id stays out: the signed-in user seen through the pre-login id");

        final String rule;

        Kind(String rule) {
            this.rule = rule;
        }
    }

    String describe() {
        StringBuilder text = new StringBuilder(kind.name()).append(": ").append(summary);
        for (Op op : ops) {
            text.append("\n      ").append(op.describe());
        }
        return text.toString();
    }
}
