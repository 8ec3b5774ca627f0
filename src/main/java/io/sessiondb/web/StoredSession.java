package io.sessiondb.web;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SessionMetadata;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.store.SignedInCaller;
import io.sessiondb.visit.Visit;
import io.sessiondb.visit.VisitStampedSession;
import io.sessiondb.visit.VisitTracker;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} an application gets: its attributes ({@link SessionAttributes}) held in memory
 * for one request and compared, at save time, with what the database holds, so only changes are
 * written; its id, timeout and user, and whether its row is stored yet.
 *
 * <p>With visit stamping on, the stamps are not attributes but columns of the row, shown to the application
 * under the stamps' attribute names ({@link VisitTracker#NAMES}), which are then SessionDB's: setting or
 * removing them is ignored, as a session's creation time cannot be set.
 *
 * <p>Used by one request thread at a time, like the request that owns it.
 */
public final class StoredSession implements HttpSession, VisitStampedSession {

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
    /** The name of the user the session belongs to, or null while nobody signed in. */
    private String principalName;

    private boolean principalChanged;
    /** The user the session keeps signed in for a Jakarta Security mechanism, or null. */
    private SignedInCaller signedIn;

    private boolean signedInChanged;
    private boolean stored;
    /** Whether this object wrote the session's row, which proves the session still exists under its id. */
    private boolean rowWritten;

    private boolean valid = true;
    private final SessionAttributes attributes;

    private final SessionVisits visits;

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
            SignedInCaller signedIn,
            Map<String, byte[]> storedBytes,
            boolean showsVisitStamps,
            long storedVisits,
            Long lastRequestMs) {
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
        this.principalName = principalName;
        this.signedIn = signedIn;
        this.attributes = new SessionAttributes(limits, storedBytes);
        this.visits = isNew
                ? SessionVisits.none(showsVisitStamps)
                : SessionVisits.stored(
                        showsVisitStamps, creationTimeMs, lastAccessedTimeMs, storedVisits, lastRequestMs, attributes);
    }

    static StoredSession create(
            ServletContext context,
            SessionEvents events,
            RequestSession owner,
            AttributeLimits limits,
            String id,
            long nowMs,
            int timeoutSeconds,
            boolean showsVisitStamps) {
        return new StoredSession(
                context,
                events,
                owner,
                limits,
                id,
                nowMs,
                nowMs,
                timeoutSeconds,
                true,
                null,
                null,
                Map.of(),
                showsVisitStamps,
                0,
                null);
    }

    static StoredSession load(
            ServletContext context,
            SessionEvents events,
            RequestSession owner,
            AttributeLimits limits,
            String id,
            SessionRecord record,
            boolean showsVisitStamps) {
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
                record.signedIn(),
                record.attributes(),
                showsVisitStamps,
                record.visits(),
                record.lastRequestMs());
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
        if (visits.isStamp(name)) {
            return visits.stamp(name);
        }
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(visits.names(attributes.names()));
    }

    /**
     * Counts this request as a visit. A new session's first visit is written with its row; a stored
     * session's visits wait in {@code pendingVisits}, so the request writes nothing for them.
     */
    @Override
    public Visit stampVisit(long nowMs, PendingVisits pendingVisits) {
        checkValid();
        return visits.count(id, stored, creationTimeMs, nowMs, pendingVisits, attributes);
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
        if (visits.isStamp(name)) {
            LOG.fine(() -> "Ignored setAttribute(\"" + name + "\"): a visit stamp, kept by SessionDB");
            return;
        }
        byte[] bytes = attributes.serialize(name, value);
        boolean existed = attributes.contains(name);
        Object oldValue = existed ? attributes.get(name) : null;
        attributes.put(name, value, bytes);
        if (existed) {
            events.attributeReplaced(this, name, oldValue, value);
        } else {
            events.attributeAdded(this, name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        if (visits.isStamp(name) || !attributes.contains(name)) {
            return;
        }
        Object oldValue = attributes.get(name);
        attributes.remove(name);
        events.attributeRemoved(this, name, oldValue);
    }

    /** Deletes the session's row now, then notifies listeners and unbinds every attribute. */
    @Override
    public void invalidate() {
        checkValid();
        owner.invalidate(this);
        events.destroyed(this);
        for (String name : attributes.names()) {
            Object value = attributes.get(name);
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

    /** The user the session keeps signed in for a Jakarta Security mechanism, or null. */
    SignedInCaller signedIn() {
        return signedIn;
    }

    /**
     * Keeps {@code caller} signed in on the session's next requests, on any node; the next save writes it.
     * The principal is not recorded here but by the fixation defence, which compares it with the request's
     * user to decide whether the id must change.
     */
    void keepSignedIn(SignedInCaller caller) {
        if (!caller.equals(signedIn)) {
            signedIn = caller;
            signedInChanged = true;
        }
    }

    /**
     * The user signed out: the session keeps nobody signed in and belongs to nobody, so signing in again,
     * even as the same user, changes the id again.
     */
    void signedOut() {
        if (signedIn != null) {
            signedIn = null;
            signedInChanged = true;
        }
        if (principalName != null) {
            principalChanged(null);
        }
    }

    boolean rowWritten() {
        return rowWritten;
    }

    /**
     * What a save must write now, or null for nothing: a new session is written once it holds an
     * attribute, keeps someone signed in or has a visit stamped; a stored one when an attribute, its timeout, its user or its
     * signed-in caller changed, or its access time is older than {@code touchIntervalMs}.
     */
    SessionWrite pendingWrite(long nowMs, long touchIntervalMs) {
        SessionAttributes.Changes changes = attributes.changes();
        if (!stored) {
            return changes.inserted().isEmpty() && signedIn == null && !visits.any()
                    ? null
                    : new SessionWrite(id, true, metadata(nowMs), changes.inserted(), Map.of(), Set.of());
        }
        boolean touchDue = nowMs - storedAccessMs >= touchIntervalMs;
        // an attribute write also rewrites the row, which tells us the session still exists
        SessionMetadata metadata =
                !changes.isEmpty() || maxInactiveChanged || principalChanged || signedInChanged || touchDue
                        ? metadata(nowMs)
                        : null;
        SessionWrite write =
                new SessionWrite(id, false, metadata, changes.inserted(), changes.updated(), changes.removed());
        return write.isEmpty() ? null : write;
    }

    /** Records that a write landed: the database now holds what this session holds. */
    void saved(SessionWrite write) {
        attributes.saved(write);
        if (write.metadata() != null) {
            storedAccessMs = write.metadata().lastAccessedMs();
            rowWritten = true;
        }
        stored = true;
        maxInactiveChanged = false;
        principalChanged = false;
        signedInChanged = false;
    }

    /** Marks the session gone without touching the database (someone else deleted it). */
    void discard() {
        valid = false;
    }

    private SessionMetadata metadata(long nowMs) {
        return new SessionMetadata(
                nowMs,
                maxInactiveSeconds,
                principalName,
                signedIn,
                creationTimeMs,
                visits.visits(),
                visits.lastRequestMs());
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("Session " + SessionLog.fingerprint(id) + " has been invalidated");
        }
    }
}
