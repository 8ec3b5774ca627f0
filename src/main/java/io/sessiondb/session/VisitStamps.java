package io.sessiondb.session;

import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SessionData;
import io.sessiondb.visit.Visit;
import io.sessiondb.visit.VisitTracker;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * A session's visit stamps as the application sees them. With visit stamping on they are columns of the
 * session row, shown under the stamps' attribute names ({@link VisitTracker#NAMES}), which are then
 * SessionDB's; with it off those names are ordinary attributes and this shows nothing.
 */
final class VisitStamps {

    /** Whether the stamps are shown as attributes (visit stamping is on). */
    private final boolean shown;
    /** The visit count the row held when loaded, or was inserted with. */
    private long storedVisits;
    /**
     * A count kept in the {@value VisitTracker#VISITS} attribute by a session stored before the stamps had
     * columns: added to the column at the first stamp, when the old attributes go.
     */
    private long attributeVisits;
    /** The stamps the application sees, or null while the session has none. */
    private Visit visit;

    private VisitStamps(boolean shown, long storedVisits, Visit visit, long attributeVisits) {
        this.shown = shown;
        this.storedVisits = storedVisits;
        this.visit = visit;
        this.attributeVisits = attributeVisits;
    }

    /** A new session's: no visit yet. */
    static VisitStamps none(boolean shown) {
        return new VisitStamps(shown, 0, null, 0);
    }

    /** A stored session's, from its row, or from its old attributes when the row has counted none. */
    static VisitStamps stored(boolean shown, SessionData record, SessionAttributes attributes) {
        if (shown && record.visits() > 0) {
            Long lastRequestMs = record.lastRequestMs();
            Visit visit = new Visit(
                    record.createdMs(),
                    lastRequestMs == null ? record.lastAccessedMs() : lastRequestMs,
                    record.visits());
            return new VisitStamps(true, record.visits(), visit, 0);
        }
        if (shown
                && attributes.contains(VisitTracker.VISITS)
                && attributes.get(VisitTracker.VISITS) instanceof Number count) {
            Visit visit = new Visit(record.createdMs(), record.lastAccessedMs(), count.longValue());
            return new VisitStamps(true, record.visits(), visit, count.longValue());
        }
        return new VisitStamps(shown, record.visits(), null, 0);
    }

    /** The row was read again: its count is the one to count on from. */
    void refresh(SessionData record) {
        storedVisits = record.visits();
    }

    VisitStamps copy() {
        return new VisitStamps(shown, storedVisits, visit, attributeVisits);
    }

    /** Whether the name is one of the stamps, which the application can only read. */
    boolean isStamp(String name) {
        return shown && VisitTracker.NAMES.contains(name);
    }

    /** A stamp's value, or null while the session has none; only for a name {@link #isStamp}. */
    Object stamp(String name) {
        if (visit == null) {
            return null;
        }
        return switch (name) {
            case VisitTracker.START_DATE -> visit.startDateMs();
            case VisitTracker.LAST_REQUEST_DATE -> visit.lastRequestDateMs();
            default -> visit.visits();
        };
    }

    /** The names the application sees: the attributes' with the stamps', once there are any. */
    Collection<String> names(Collection<String> attributeNames) {
        if (!shown) {
            return attributeNames;
        }
        Set<String> names = new TreeSet<>(attributeNames);
        names.removeAll(VisitTracker.NAMES);
        if (visit != null) {
            names.addAll(VisitTracker.NAMES);
        }
        return names;
    }

    /**
     * Counts a request as a visit. A new session's first visit is written with its row; a stored session's
     * wait in {@code pendingVisits}. An old count in attributes joins them, and its attributes go.
     */
    Visit count(
            String storageKey,
            boolean stored,
            long creationTimeMs,
            long nowMs,
            PendingVisits pendingVisits,
            SessionAttributes attributes) {
        long visits = 1;
        if (stored) {
            visits = pendingVisits.stamp(storageKey, storedVisits, 1 + attributeVisits, nowMs);
            if (attributeVisits > 0) {
                VisitTracker.NAMES.forEach(attributes::remove);
                attributeVisits = 0;
            }
        }
        visit = new Visit(creationTimeMs, nowMs, visits);
        return visit;
    }

    /** Whether the session has any visit stamped, which makes a new session worth storing. */
    boolean any() {
        return visit != null;
    }

    /** A new session's row was inserted with {@link #visits()}: later visits are counted on top of it. */
    void inserted() {
        storedVisits = visits();
    }

    /** The count a new session's row is inserted with. */
    long visits() {
        return visit == null ? 0 : visit.visits();
    }

    /** The last visit a new session's row is inserted with; 0 for none. */
    long lastRequestMs() {
        return visit == null ? 0 : visit.lastRequestDateMs();
    }
}
