package io.sessiondb.session;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.store.AttributeCodec;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.PendingVisits;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionDevice;
import io.sessiondb.store.SessionWrite;
import io.sessiondb.visit.Visit;
import io.sessiondb.visit.VisitStampedSession;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionActivationListener;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@link HttpSession} an application gets, one object per session on a node, shared by the session's
 * concurrent requests there as a container's sessions are ({@link SessionCache}): its {@link
 * SessionAttributes}, its {@link SessionRow} and its {@link VisitStamps} (the visit stamps it shows).
 *
 * <p>Thread-safe, guarded by a private lock that also guards its row and attributes, as Jetty's {@code
 * ManagedSession} is: never the object's own monitor, which belongs to the application (it may {@code
 * synchronized (session)}). The lock is held briefly and never across database work, listener calls or
 * (de)serialization, which runs application code. Its saves and refreshes take turns ({@link SessionSaves}).
 * The lock order is in {@link SessionCache}. A value that several requests change at once must be
 * thread-safe itself, as with any container's sessions.
 */
public final class StoredSession implements HttpSession, VisitStampedSession {

    private static final Logger LOG = Logger.getLogger(StoredSession.class.getName());

    /** Guards the session's state: its flags, row, attributes and visits. */
    private final Object lock;

    private final ServletContext servletContext;
    private final SessionCache cache;
    private final SessionEvents events;
    private final SessionRow row;
    private final SessionAttributes attributes;
    private final VisitStamps visits;
    private final SessionSaves saves = new SessionSaves(this);

    /** True until a request of the client's own joins the session: the client does not know it yet. */
    private boolean isNew;
    /** False once invalidated: the session then refuses every use. */
    private boolean valid = true;
    /** Invalidation has begun: its listeners still use the session, a second invalidation fails. */
    private boolean invalidating;

    private StoredSession(
            Object lock,
            ServletContext servletContext,
            SessionCache cache,
            SessionRow row,
            SessionAttributes attributes,
            VisitStamps visits,
            boolean isNew) {
        this.lock = lock;
        this.servletContext = servletContext;
        this.cache = cache;
        this.events = cache.events();
        this.row = row;
        this.attributes = attributes;
        this.visits = visits;
        this.isNew = isNew;
        attributes.onActivated(value -> {
            if (value instanceof HttpSessionActivationListener listener) {
                ActivationEvents.didActivate(this, List.of(listener));
            }
        });
    }

    public static StoredSession create(
            ServletContext context, SessionCache cache, String id, long nowMs, SessionDevice device) {
        Object lock = new Object();
        return new StoredSession(
                lock,
                context,
                cache,
                SessionRow.created(lock, id, nowMs, cache.config().timeouts().timeoutSeconds(), device),
                new SessionAttributes(lock, cache.config().limits(), Map.of()),
                VisitStamps.none(cache.config().visits().enabled()),
                true);
    }

    /** @param nowMs this node's time when the record was read */
    public static StoredSession load(
            ServletContext context, SessionCache cache, String id, SessionData record, long nowMs) {
        Object lock = new Object();
        SessionAttributes attributes =
                new SessionAttributes(lock, cache.config().limits(), record.attributes());
        VisitStamps visits = VisitStamps.stored(cache.config().visits().enabled(), record, attributes);
        return new StoredSession(
                lock, context, cache, SessionRow.loaded(lock, id, record, nowMs), attributes, visits, false);
    }

    /**
     * A copy of the session as it is now, unsaved changes included, that shares no live value with it: see
     * {@link SessionCache#detach}.
     */
    public StoredSession copy() {
        attributes.reserialize();
        Object copyLock = new Object();
        synchronized (lock) {
            return new StoredSession(
                    copyLock,
                    servletContext,
                    cache,
                    row.copy(copyLock),
                    attributes.copy(copyLock),
                    visits.copy(),
                    isNew);
        }
    }

    @Override
    public long getCreationTime() {
        synchronized (lock) {
            checkValid();
            return row.creationTimeMs();
        }
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
    public long getLastAccessedTime() {
        synchronized (lock) {
            checkValid();
            return row.lastRequestMs();
        }
    }

    @Override
    public ServletContext getServletContext() {
        return servletContext;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
        synchronized (lock) {
            checkValid();
            row.maxInactiveSeconds(interval);
        }
    }

    @Override
    public int getMaxInactiveInterval() {
        return row.maxInactiveSeconds();
    }

    /** The value, deserialized on first read outside the lock: deserializing runs application code. */
    @Override
    public Object getAttribute(String name) {
        AttributeSlot slot;
        synchronized (lock) {
            checkValid();
            if (visits.isStamp(name)) {
                return visits.stamp(name);
            }
            slot = attributes.slot(name);
            if (slot == null || slot.read) {
                return slot == null ? null : slot.value;
            }
        }
        return attributes.read(name, slot);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        synchronized (lock) {
            checkValid();
            return Collections.enumeration(visits.names(attributes.names()));
        }
    }

    /**
     * Counts this request as a visit. A new session's first visit is written with its row; a stored
     * session's visits wait in {@code pendingVisits}, so the request writes nothing for them.
     */
    @Override
    public Visit stampVisit(long nowMs, PendingVisits pendingVisits) {
        synchronized (lock) {
            checkValid();
            return visits.count(row.storageKey(), row.stored(), row.creationTimeMs(), nowMs, pendingVisits, attributes);
        }
    }

    /**
     * Sets an attribute; {@code null} removes it. The value is serialized here, outside the session's lock.
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
        synchronized (lock) {
            checkValid();
            if (visits.isStamp(name)) {
                LOG.fine(() -> "Ignored setAttribute(\"" + name + "\"): a visit stamp, kept by SessionDB");
                return;
            }
        }
        byte[] bytes = AttributeCodec.serialize(name, value, attributes.limits());
        AttributeSlot old;
        synchronized (lock) {
            checkValid();
            old = attributes.slot(name);
            attributes.put(name, value, bytes);
        }
        if (old == null) {
            events.attributeAdded(this, name, value);
        } else {
            events.attributeReplaced(this, name, attributes.valueOf(name, old), value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        AttributeSlot old;
        synchronized (lock) {
            checkValid();
            if (visits.isStamp(name)) {
                return;
            }
            old = attributes.slot(name);
            if (old == null) {
                return;
            }
            attributes.remove(name);
        }
        events.attributeRemoved(this, name, attributes.valueOf(name, old));
    }

    /**
     * Deletes the session's row now, then notifies listeners and unbinds every attribute; the session stays
     * readable to them until they are done.
     */
    @Override
    public void invalidate() {
        synchronized (lock) {
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
            synchronized (lock) {
                invalidating = false;
            }
            throw e;
        }
        events.destroyed(this);
        Map<String, Object> removed = attributes.removeAll();
        removed.forEach((name, value) -> events.attributeRemoved(this, name, value));
        synchronized (lock) {
            valid = false;
        }
    }

    @Override
    public boolean isNew() {
        synchronized (lock) {
            checkValid();
            return isNew;
        }
    }

    /** The attributes' serialized size, as last serialized. */
    public long size() {
        synchronized (lock) {
            return attributes.size();
        }
    }

    public boolean isValid() {
        synchronized (lock) {
            return valid;
        }
    }

    public boolean isStored() {
        return row.stored();
    }

    /** The session's row: user, version, expiry. Guarded by the session's lock, so usable without holding it. */
    public SessionRow row() {
        return row;
    }

    /** A request that came with the session's cookie joined it: the client knows the session. */
    public void clientJoined() {
        synchronized (lock) {
            isNew = false;
        }
    }

    /** The session's id changed from {@code oldId} (its row's key and the stored row's, if any, already did). */
    public void idChanged(String oldId) {
        events.idChanged(this, oldId);
    }

    /** Its saves and refreshes, which take turns. */
    public SessionSaves saves() {
        return saves;
    }

    /** What a save must write now, values changed in place included; null for nothing. */
    public SessionWrite pendingWrite(long nowMs, long touchIntervalMs) {
        attributes.reserialize();
        return unsavedWrite(nowMs, touchIntervalMs);
    }

    /** What a save must write now, taking values changed in place as they were last serialized; null for nothing. */
    SessionWrite unsavedWrite(long nowMs, long touchIntervalMs) {
        synchronized (lock) {
            return row.pendingWrite(
                    attributes.changes(),
                    visits,
                    nowMs,
                    touchIntervalMs,
                    cache.config().saveEmptySessions());
        }
    }

    /**
     * The live values listening for passivation, told that the session is about to be written, when a save
     * now would write something: as a container tells them before it serializes a session it moves. Called
     * without any lock; the caller tells the same values {@link #didActivate} after the save.
     *
     * @return the values told, empty for none
     */
    public List<HttpSessionActivationListener> willPassivate(long nowMs, long touchIntervalMs) {
        List<HttpSessionActivationListener> listeners = attributes.activationListeners();
        if (listeners.isEmpty() || pendingWrite(nowMs, touchIntervalMs) == null) {
            return List.of();
        }
        ActivationEvents.willPassivate(this, listeners);
        return listeners;
    }

    /** The values {@link #willPassivate} told are live in this session again, now that the save is done. */
    public void didActivate(List<HttpSessionActivationListener> listeners) {
        if (!listeners.isEmpty()) {
            ActivationEvents.didActivate(this, listeners);
        }
    }

    /** Serializes again the live values that may have changed in place: see {@link SessionAttributes#reserialize}. */
    void reserialize() {
        attributes.reserialize();
    }

    /** Takes what the database holds now, but for what changed here since the last save. */
    void refresh(SessionData record, long nowMs) {
        synchronized (lock) {
            attributes.refresh(record.attributes());
            row.refresh(record, nowMs);
            visits.refresh(record);
        }
    }

    /** Records that a write landed, leaving the row at {@code version}. */
    void saved(SessionWrite write, long version) {
        synchronized (lock) {
            if (write.newSession()) {
                visits.inserted();
            }
            attributes.saved(write);
            row.saved(write, version);
        }
    }

    /** Marks the session gone without touching the database (someone else deleted it). */
    public void discard() {
        synchronized (lock) {
            valid = false;
        }
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("Session " + Fingerprints.ofSessionId(row.id()) + " has been invalidated");
        }
    }
}
