package io.sessiondb.web;

import io.sessiondb.config.CacheSettings.Coherence;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.metrics.SessionMetrics;
import io.sessiondb.store.SessionChangeFeed;
import io.sessiondb.store.SessionLifecycleLog;
import io.sessiondb.store.SessionRecord;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.StorageKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * The sessions this node holds. Concurrent requests of one session share one {@link StoredSession}, as a
 * container's requests share its session: every request's changes land in that one object, and whichever
 * saves last writes them all, so none is lost. Between requests the node keeps up to {@code
 * sessiondb.cache.max-sessions} sessions. Every request that joins a session checks that it is current:
 * its row's version is still the one held, or, with announced changes ({@link SessionChangeFeed}), no
 * change to it was heard. One that is not is loaded afresh, or, while other requests use it, brought up to
 * date in place.
 *
 * <p>With the session lock on, requests of a session take turns across nodes and each loads its session:
 * nothing is shared or kept.
 */
@ApplicationScoped
public class SessionCache {

    private static final Logger LOG = Logger.getLogger(SessionCache.class.getName());

    @Inject
    SessionRepository repository;

    @Inject
    SessionEvents events;

    @Inject
    SessionDbConfig config;

    @Inject
    SessionChangeFeed feed;

    @Inject
    SessionLifecycleLog lifecycle;

    @Inject
    SessionMetrics metrics;

    private final HeldSessions holding = new HeldSessions();

    /** Whether the database announces changes, so a kept session can be trusted without a query. */
    private volatile boolean notified;

    /** Called once as the application starts, after the schema is current. */
    public void start() {
        if (!shares() || config.cache().coherence() != Coherence.NOTIFY) {
            return;
        }
        if (!feed.available()) {
            throw new IllegalStateException("sessiondb.cache.coherence=notify needs PostgreSQL and its JDBC driver"
                    + " (the database announces changes with NOTIFY); use version");
        }
        notified = true;
        feed.start(holding);
        LOG.fine("Sessions held between requests are dropped as the database announces changes to them");
    }

    /** Whether sessions are shared and kept at all: not while requests take turns through the session lock. */
    boolean shares() {
        return !config.lock().enabled();
    }

    /**
     * The session named by a request's cookie, shared with its other requests in progress here, or kept
     * from an earlier request if current, or else loaded. The request must {@link #leave} the entry when it
     * ends.
     *
     * @return null when no live session has this id
     */
    HeldSession join(String id, ServletContext context, long nowMs) {
        String key = StorageKeys.of(id);
        while (true) {
            HeldSession entry = holding.claim(key);
            StoredSession held;
            synchronized (entry) {
                if (entry.removed) {
                    continue; // removed or given a new id meanwhile
                }
                if (entry.session != null && !entry.session.isValid()) {
                    holding.drop(entry); // invalidated, or found deleted, by a request still in progress
                    continue;
                }
                if (entry.session == null) {
                    return load(entry, id, context, nowMs);
                }
                boolean currentHere = isCurrentHere(entry, nowMs);
                if (notified || !currentHere) {
                    return joinIfCurrent(entry, currentHere && isHeard(entry), id, context, nowMs);
                }
                held = entry.session;
            }
            // the version is read without holding the entry, so the session's other requests check at once
            OptionalLong version = repository.liveVersion(id);
            synchronized (entry) {
                if (!entry.removed && entry.session == held) {
                    boolean current = version.equals(OptionalLong.of(held.row().version()));
                    return joinIfCurrent(entry, current, id, context, nowMs);
                }
            }
        }
    }

    /** Joins the held session if current; else loads it afresh, or updates it in place while in use. */
    private HeldSession joinIfCurrent(
            HeldSession entry, boolean current, String id, ServletContext context, long nowMs) {
        if (!current) {
            if (entry.users == 0) {
                return load(entry, id, context, nowMs);
            }
            if (!refresh(entry, nowMs)) {
                return null;
            }
        } else {
            metrics.cacheHit();
        }
        entry.users++;
        entry.session.clientJoined();
        return entry;
    }

    /**
     * Brings a session that requests here are using up to date with the database, in place, since they
     * share it; what they changed and have not saved yet stays theirs.
     *
     * @return false when the session is gone: then it is gone for them too
     */
    private boolean refresh(HeldSession entry, long nowMs) {
        entry.stale = false;
        entry.heard = notified && feed.listening();
        boolean live;
        try {
            live = entry.session.saves().refresh(repository, nowMs);
        } catch (RuntimeException e) {
            entry.stale = true;
            throw e;
        }
        if (!live) {
            entry.session.discard();
            holding.drop(entry);
        }
        return live;
    }

    /** What this node can tell without the database: not changed elsewhere as far as it knows, not expired. */
    private static boolean isCurrentHere(HeldSession entry, long nowMs) {
        return !entry.stale && !entry.session.row().expiredBy(nowMs);
    }

    /** With announced changes: loaded while listening, and listening still, so no change went unheard. */
    private boolean isHeard(HeldSession entry) {
        return entry.heard && feed.listening();
    }

    /**
     * Loads the session into {@code entry}, holding it: the session's other requests wait for this load.
     * The request's start stands for this node's time of the read: earlier than the read, it can only make
     * the session seem to expire sooner here, when the database is asked again.
     */
    private HeldSession load(HeldSession entry, String id, ServletContext context, long nowMs) {
        // before the query, so a change announced while it runs is not lost
        entry.stale = false;
        entry.heard = notified && feed.listening();
        Optional<SessionRecord> record;
        try {
            record = repository.findById(id);
        } catch (RuntimeException e) {
            holding.drop(entry);
            throw e;
        }
        if (record.isEmpty()) {
            holding.drop(entry);
            return null;
        }
        entry.session = StoredSession.load(context, this, id, record.get(), nowMs);
        entry.users = 1;
        return entry;
    }

    /** A new session's first save landed: its other requests, once its cookie is out, share it. */
    HeldSession adopt(StoredSession session) {
        HeldSession entry = new HeldSession(session.row().storageKey());
        entry.session = session;
        entry.users = 1;
        entry.heard = notified && feed.listening();
        holding.add(entry);
        return entry;
    }

    /**
     * A request is about to sign in on a session that other requests here are using: it goes on with a
     * copy of the session, held here in its place, while they keep the object they joined. Once the sign-in
     * gives the copy a new id, theirs names a row that no longer exists: their changes are saved nowhere
     * and their responses set no cookie, so a request carrying a planted id reaches nothing of the signed-in
     * session. Without such requests the session itself goes on.
     *
     * @return the session the request goes on with; it must {@link #leave} the entry in {@code held}
     */
    StoredSession takeOver(StoredSession session, List<HeldSession> held) {
        HeldSession entry = holding.get(session.row().storageKey());
        if (entry == null) {
            return session;
        }
        synchronized (entry) {
            if (entry.session != session || entry.users < 2) {
                return session;
            }
            holding.drop(entry);
        }
        StoredSession copy = session.copy();
        held.add(adopt(copy));
        return copy;
    }

    /** A request that joined or adopted the session ended. */
    void leave(HeldSession entry) {
        synchronized (entry) {
            entry.users--;
            entry.lastUsedNanos = System.nanoTime();
            if (!entry.removed) {
                holding.resized(entry, entry.session.size());
            }
            if (entry.users == 0
                    && (entry.stale
                            || !entry.session.isValid()
                            || config.cache().maxSessions() == 0)) {
                holding.drop(entry);
            }
        }
        holding.trim(config.cache().maxSessions(), config.cache().maxBytes());
    }

    /** A request's save failed: what the session holds may not be what the database holds. */
    void distrust(StoredSession session) {
        HeldSession entry = holding.get(session.row().storageKey());
        if (entry != null && entry.session == session) {
            entry.stale = true;
        }
    }

    /** Deletes the session's row, if stored, and stops holding it. */
    void delete(StoredSession session) {
        if (session.isStored() && repository.deleteById(session.getId())) {
            lifecycle.record(
                    SessionLifecycleLog.Event.INVALIDATED,
                    session.row().storageKey(),
                    session.row().principalName());
        }
        HeldSession entry = holding.get(session.row().storageKey());
        if (entry != null) {
            synchronized (entry) {
                if (entry.session == session) {
                    holding.drop(entry);
                }
            }
        }
    }

    /** The session's id changed from the one {@code oldKey} was made of: it is held under its new key. */
    void idChanged(StoredSession session, String oldKey) {
        HeldSession entry = holding.get(oldKey);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (entry.session == session && !entry.removed) {
                holding.rekey(entry, session.row().storageKey());
            }
        }
    }

    /** How many sessions this node holds, in use or kept. */
    int size() {
        return holding.size();
    }

    SessionRepository repository() {
        return repository;
    }

    SessionMetrics metrics() {
        return metrics;
    }

    SessionLifecycleLog lifecycle() {
        return lifecycle;
    }

    SessionEvents events() {
        return events;
    }

    SessionDbConfig config() {
        return config;
    }
}
