package io.sessiondb.cache;

import io.sessiondb.config.CacheSettings.Coherence;
import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.operations.metrics.SessionMetrics;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.session.SessionSaves;
import io.sessiondb.session.StoredSession;
import io.sessiondb.store.SessionData;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.StorageKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The sessions this node holds. Concurrent requests of one session share one {@link StoredSession}, as a
 * container's requests share its session: every request's changes land in that one object, and whichever
 * saves last writes them all, so none is lost. Between requests the node keeps up to {@code
 * sessiondb.cache.max-sessions} sessions. Every request that joins a session checks that it is current:
 * its row's version is still the one held, or, with announced changes ({@link ChangeFeed}), no
 * change to it was heard. One that is not is brought up to date in place, or loaded afresh when no request
 * uses it. What the node holds only saves reads: every write is conditional on the row's version ({@link
 * SessionSaves}), so two objects of one session, here or on two nodes, never hide each other's changes.
 *
 * <p>The locks, in the order they may be taken: a session's save turn ({@link SessionSaves}), held across
 * its database work; an entry of this cache ({@link HeldSession}); the session's own lock ({@link
 * StoredSession}). The last two are held only briefly, never across database work, listener calls or
 * application code. A request loading a session holds no lock: the session's other requests wait for its
 * result.
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
    ChangeFeed feed;

    @Inject
    LifecycleLog lifecycle;

    @Inject
    SessionMetrics metrics;

    private final HeldSessions holding = new HeldSessions();
    private final VersionChecks versionChecks = new VersionChecks(ids -> repository.liveVersions(ids));

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
    public boolean shares() {
        return !config.lock().enabled();
    }

    /**
     * The session named by a request's cookie, shared with its other requests in progress here, or kept
     * from an earlier request if current, or else loaded. The request must {@link #leave} the entry when it
     * ends.
     *
     * @return null when no live session has this id
     */
    public HeldSession join(String id, ServletContext context, long nowMs) {
        String key = StorageKeys.of(id);
        while (true) {
            HeldSession entry = holding.get(key);
            if (entry == null) {
                HeldSession loading = HeldSession.loading(key);
                entry = holding.add(loading);
                if (entry == null) {
                    return load(loading, id, context, nowMs);
                }
            }
            StoredSession session = loadedBy(entry);
            if (session == null) {
                if (entry.loaded.isCompletedExceptionally()) {
                    continue; // its load failed: try again
                }
                return null;
            }
            boolean checkVersion;
            synchronized (entry) {
                if (entry.removed) {
                    continue; // removed meanwhile
                }
                if (!session.getId().equals(id)) {
                    holding.drop(entry); // given a new id, which a request carrying the old one must not reach
                    continue;
                }
                boolean currentHere = !entry.stale && !session.row().expiredBy(nowMs);
                if (!session.isValid() || !currentHere && entry.users == 0) {
                    holding.drop(entry); // ended, or stale with nothing unsaved: load it afresh
                    continue;
                }
                entry.users++;
                if (notified && currentHere && entry.heard && feed.listening()) {
                    metrics.cacheHit();
                    session.clientJoined();
                    return entry;
                }
                checkVersion = currentHere;
            }
            try {
                if (checkVersion && isCurrent(entry, session, id)) {
                    metrics.cacheHit();
                    session.clientJoined();
                    return entry;
                }
                if (!session.isValid()) {
                    return gone(entry, session);
                }
                if (!isShared(entry)) {
                    continue; // no other request uses it: loaded afresh
                }
                return refreshInPlace(entry, session, nowMs);
            } catch (RuntimeException e) {
                entry.stale = true;
                leave(entry);
                throw e;
            }
        }
    }

    /**
     * Whether a request that carries the session's id but never used the session must join it so that the
     * coalesced touch extends its life: not while this node holds it, current and accessed less than a touch
     * interval ago, which then costs no query at all. Takes the entry's lock, then the session's, one after
     * the other.
     */
    public boolean touchDue(String id, long nowMs) {
        HeldSession entry = holding.get(StorageKeys.of(id));
        if (entry == null) {
            return true;
        }
        StoredSession session;
        synchronized (entry) {
            if (entry.removed || entry.stale || entry.session == null) {
                return true;
            }
            session = entry.session;
        }
        if (!session.isValid() || !session.getId().equals(id) || session.row().expiredBy(nowMs)) {
            return true;
        }
        return session.row().touchDue(nowMs, config.timeouts().touchIntervalMs(session.getMaxInactiveInterval()));
    }

    /** The session the entry's loader found, waiting for it; null when none, or when the load failed. */
    private static StoredSession loadedBy(HeldSession entry) {
        try {
            return entry.loaded.join();
        } catch (CompletionException | CancellationException e) {
            return null;
        }
    }

    /**
     * Whether a held session this request counts in is still at the database's version, checked without
     * any lock, in one query with the checks of this node's other requests asking at the same time ({@link
     * VersionChecks}). One gone from the database is gone for them too.
     */
    private boolean isCurrent(HeldSession entry, StoredSession session, String id) {
        // listening since before the check: every later change will be heard
        boolean heardFromNow = notified && feed.listening();
        OptionalLong version = versionChecks.liveVersion(id);
        if (version.isPresent() && version.getAsLong() == session.row().version()) {
            synchronized (entry) {
                entry.heard |= heardFromNow;
            }
            return true;
        }
        if (version.isEmpty()) {
            session.discard();
        }
        return false;
    }

    /** Whether other requests use the entry too; if not, this request stops holding it, to load it afresh. */
    private boolean isShared(HeldSession entry) {
        synchronized (entry) {
            if (entry.users > 1) {
                return true;
            }
            holding.drop(entry);
        }
        leave(entry);
        return false;
    }

    /**
     * Brings a session that other requests here are using up to date with the database, in place, since
     * they share it: what they changed and have not saved yet stays theirs.
     *
     * @return the entry, or null when the session is gone (then it is gone for them too)
     */
    private HeldSession refreshInPlace(HeldSession entry, StoredSession session, long nowMs) {
        // before the query, so a change announced while it runs is not lost
        entry.stale = false;
        entry.heard = notified && feed.listening();
        if (!session.saves().refresh(repository, nowMs)) {
            return gone(entry, session);
        }
        session.clientJoined();
        return entry;
    }

    private HeldSession gone(HeldSession entry, StoredSession session) {
        session.discard();
        synchronized (entry) {
            if (!entry.removed) {
                holding.drop(entry);
            }
        }
        leave(entry);
        return null;
    }

    /**
     * Loads the session into {@code entry}, which this request holds and counts in; its other requests wait
     * for the result. The request's start stands for this node's time of the read: earlier than the read,
     * it can only make the session seem to expire sooner here, when the database is asked again.
     */
    private HeldSession load(HeldSession entry, String id, ServletContext context, long nowMs) {
        // before the query, so a change announced while it runs is not lost
        entry.heard = notified && feed.listening();
        Optional<SessionData> record;
        try {
            record = repository.findById(id);
        } catch (RuntimeException e) {
            synchronized (entry) {
                holding.drop(entry);
            }
            entry.loaded.completeExceptionally(e);
            throw e;
        }
        if (record.isEmpty()) {
            synchronized (entry) {
                holding.drop(entry);
            }
            entry.loaded.complete(null);
            return null;
        }
        StoredSession session = StoredSession.load(context, this, id, record.get(), nowMs);
        synchronized (entry) {
            entry.session = session;
        }
        entry.loaded.complete(session);
        return entry;
    }

    /** A session's first save landed, or its id changed at a sign-in: its next requests, once its cookie is out, share it. */
    public HeldSession adopt(StoredSession session) {
        HeldSession entry = HeldSession.holding(session);
        entry.heard = notified && feed.listening();
        holding.add(entry);
        return entry;
    }

    /**
     * A request is about to sign in on a stored session: from now on no other request can join the object
     * it goes on with, so none that carries the session's current id (perhaps planted) reaches the signed-in
     * session. The session stops being held; if other requests here share it, the signing-in request goes on
     * with a copy, while they keep the object they joined, whose row leaves their id when the id changes.
     * Once its id changed, the request {@link #adopt}s the session it goes on with.
     *
     * <p>Who shares it is counted in {@code entry}, the one the request joined or adopted the session into,
     * even when that entry is no longer held: a concurrent id change of the same session may have dropped
     * it, and its requests still use the object.
     *
     * @param entry the entry through which other requests here may use the session; null when none can
     * @return the session the request goes on with
     */
    public StoredSession detach(HeldSession entry, StoredSession session) {
        if (entry == null) {
            return session;
        }
        boolean shared;
        synchronized (entry) {
            shared = entry.users > 1;
            if (!entry.removed) {
                holding.drop(entry);
            }
        }
        return shared ? session.copy() : session;
    }

    /** A request that joined or adopted the session ended. */
    public void leave(HeldSession entry) {
        synchronized (entry) {
            entry.users--;
            entry.lastUsedNanos = System.nanoTime();
            if (!entry.removed && entry.session != null) {
                holding.resized(entry, entry.session.size());
            }
            if (entry.users == 0
                    && (entry.stale
                            || entry.session == null
                            || !entry.session.isValid()
                            || config.cache().maxSessions() == 0)) {
                holding.drop(entry);
            }
        }
        holding.trim(config.cache().maxSessions(), config.cache().maxBytes());
    }

    /** A request's save failed: what the session holds may not be what the database holds. */
    public void distrust(StoredSession session) {
        HeldSession entry = holding.get(session.row().storageKey());
        if (entry != null && entry.session == session) {
            entry.stale = true;
        }
    }

    /** Deletes the session's row, if stored, and stops holding it. */
    public void delete(StoredSession session) {
        if (session.isStored() && repository.deleteById(session.getId())) {
            lifecycle.record(
                    LifecycleLog.Event.INVALIDATED,
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

    /** How many sessions this node holds, in use or kept. */
    int size() {
        return holding.size();
    }

    public SessionRepository repository() {
        return repository;
    }

    public SessionMetrics metrics() {
        return metrics;
    }

    public LifecycleLog lifecycle() {
        return lifecycle;
    }

    public SessionEvents events() {
        return events;
    }

    public SessionDbConfig config() {
        return config;
    }
}
