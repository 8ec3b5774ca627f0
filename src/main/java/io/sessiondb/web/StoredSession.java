package io.sessiondb.web;

import io.sessiondb.events.SessionEvents;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SessionDevice;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.visit.Visit;
import io.sessiondb.visit.VisitStampedSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} an application gets, one object per session on a node, shared by the session's
 * concurrent requests there as a container's sessions are ({@link SessionCache}): its {@link
 * SessionAttributes}, its {@link SessionRow} and its {@link SessionVisits} (the visit stamps it shows).
 *
 * <p>Thread-safe: guarded by itself (the row by itself); listeners are called outside that lock, as Jetty's
 * sessions do. Saves take turns ({@link SessionSaves}). A value that several requests change at once must be
 * thread-safe itself, as with any container's sessions.
 */
public final class StoredSession implements HttpSession, VisitStampedSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());

    private final ServletContext servletContext;
    private final SessionCache cache;
    private final SessionEvents events;
    private final SessionRow row;
    private final SessionAttributes attributes;
    private final SessionVisits visits;
    private final SessionSaves saves = new SessionSaves(this);

    /** True until a request of the client's own joins the session: the client does not know it yet. */
    private boolean isNew;
    /** False once invalidated: the session then refuses every use. */
    private boolean valid = true;
    /** Invalidation has begun: its listeners still use the session, a second invalidation fails. */
    private boolean invalidating;

    private StoredSession(
            ServletContext servletContext,
            SessionCache cache,
            SessionRow row,
            SessionAttributes attributes,
            SessionVisits visits,
            boolean isNew) {
        this.servletContext = servletContext;
        this.cache = cache;
        this.events = cache.events();
        this.row = row;
        this.attributes = attributes;
        this.visits = visits;
        this.isNew = isNew;
    }

    static StoredSession create(
            ServletContext context, SessionCache cache, String id, long nowMs, SessionDevice device) {
        return new StoredSession(
                context,
                cache,
                SessionRow.created(id, nowMs, cache.config().timeouts().timeoutSeconds(), device),
                new SessionAttributes(cache.config().limits(), Map.of()),
                SessionVisits.none(cache.config().visits().enabled()),
                true);
    }

    /** @param nowMs this node's time when the record was read */
    static StoredSession load(ServletContext context, SessionCache cache, String id, SessionRecord record, long nowMs) {
        SessionAttributes attributes = new SessionAttributes(cache.config().limits(), record.attributes());
        SessionVisits visits = SessionVisits.stored(cache.config().visits().enabled(), record, attributes);
        return new StoredSession(context, cache, SessionRow.loaded(id, record, nowMs), attributes, visits, false);
    }

    /**
     * A copy of the session as it is now, unsaved changes included, that shares no live value with it: see
     * {@link SessionCache#takeOver}.
     */
    synchronized StoredSession copy() {
        return new StoredSession(servletContext, cache, row.copy(), attributes.copy(), visits.copy(), isNew);
    }

    @Override
    public synchronized long getCreationTime() {
        checkValid();
        return row.creationTimeMs();
    }

    @Override
    public String getId() {
        return row.id();
    }

    /**
     * When the latest earlier request of the session began: exact for requests this node served, and at most
     * a touch interval old for those of other nodes, whose access the store writes only that often.
     */
    @Override
    public synchronized long getLastAccessedTime() {
        checkValid();
        return row.lastRequestMs();
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public synchronized void setMaxInactiveInterval(int interval) {
        checkValid();
        row.maxInactiveSeconds(interval);
    }

    @Override
    public synchronized int getMaxInactiveInterval() {
        return row.maxInactiveSeconds();
    }

    @Override
    public synchronized Object getAttribute(String name) {
        checkValid();
        return visits.isStamp(name) ? visits.stamp(name) : attributes.get(name);
    }

    @Override
    public synchronized Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(visits.names(attributes.names()));
    }

    /**
     * Counts this request as a visit. A new session's first visit is written with its row; a stored
     * session's visits wait in {@code pendingVisits}, so the request writes nothing for them.
     */
    @Override
    public synchronized Visit stampVisit(long nowMs, PendingVisits pendingVisits) {
        checkValid();
        return visits.count(row.storageKey(), row.stored(), row.creationTimeMs(), nowMs, pendingVisits, attributes);
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
        if (name == null) {
            throw new IllegalArgumentException("Session attribute name must not be null");
        }
        if (value == null) {
            removeAttribute(name);
            return;
        }
        boolean existed;
        Object oldValue;
        synchronized (this) {
            checkValid();
            if (visits.isStamp(name)) {
                LOG.fine(() -> "Ignored setAttribute(\"" + name + "\"): a visit stamp, kept by SessionDB");
                return;
            }
            byte[] bytes = attributes.serialize(name, value);
            existed = attributes.contains(name);
            oldValue = existed ? attributes.get(name) : null;
            attributes.put(name, value, bytes);
        }
        if (existed) {
            events.attributeReplaced(this, name, oldValue, value);
        } else {
            events.attributeAdded(this, name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        Object oldValue;
        synchronized (this) {
            checkValid();
            if (visits.isStamp(name) || !attributes.contains(name)) {
                return;
            }
            oldValue = attributes.get(name);
            attributes.remove(name);
        }
        events.attributeRemoved(this, name, oldValue);
    }

    /**
     * Deletes the session's row now, then notifies listeners and unbinds every attribute; the session stays
     * readable to them until they are done.
     */
    @Override
    public void invalidate() {
        synchronized (this) {
            checkValid();
            if (invalidating) {
                throw new IllegalStateException(
                        "Session " + Fingerprints.ofSessionId(row.id()) + " is being invalidated");
            }
            invalidating = true;
        }
        try {
            cache.delete(this); // the row goes first, so a failure invalidates nothing
        } catch (RuntimeException e) {
            synchronized (this) {
                invalidating = false;
            }
            throw e;
        }
        events.destroyed(this);
        Map<String, Object> removed;
        synchronized (this) {
            removed = attributes.removeAll();
        }
        removed.forEach((name, value) -> events.attributeRemoved(this, name, value));
        synchronized (this) {
            valid = false;
        }
    }

    @Override
    public synchronized boolean isNew() {
        checkValid();
        return isNew;
    }

    /** The attributes' serialized size, as last serialized. */
    synchronized long size() {
        return attributes.size();
    }

    synchronized boolean isValid() {
        return valid;
    }

    boolean isStored() {
        return row.stored();
    }

    /** The session's row: user, version, expiry. Guards itself, so it may be used without this session's lock. */
    SessionRow row() {
        return row;
    }

    /** A request that came with the session's cookie joined it: the client knows the session. */
    synchronized void clientJoined() {
        isNew = false;
    }

    /** Gives the session a new id; the caller changed the stored row's key already, if there is one. */
    void changeId(String newId) {
        String oldId;
        String oldKey;
        synchronized (this) {
            oldId = row.id();
            oldKey = row.storageKey();
            row.changeId(newId);
        }
        cache.idChanged(this, oldKey);
        events.idChanged(this, oldId);
    }

    /** Its saves and refreshes, which take turns. */
    SessionSaves saves() {
        return saves;
    }

    synchronized SessionWrite pendingWrite(long nowMs, long touchIntervalMs) {
        return row.pendingWrite(attributes.changes(), visits, nowMs, touchIntervalMs);
    }

    /** Takes what the database holds now, but for what changed here since the last save. */
    synchronized void refresh(SessionRecord record, long nowMs) {
        attributes.refresh(record.attributes());
        row.refresh(record, nowMs);
        visits.refresh(record);
    }

    /** Records that a write landed, leaving the row at {@code version}. */
    synchronized void saved(SessionWrite write, long version) {
        if (write.newSession()) {
            visits.inserted();
        }
        attributes.saved(write);
        row.saved(write.metadata(), version);
    }

    /** Marks the session gone without touching the database (someone else deleted it). */
    synchronized void discard() {
        valid = false;
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("Session " + Fingerprints.ofSessionId(row.id()) + " has been invalidated");
        }
    }
}
