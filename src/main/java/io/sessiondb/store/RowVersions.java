package io.sessiondb.store;

import io.sessiondb.cache.ChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The versions this node writes into session rows. Every write of a row gives it a new random version
 * chosen by the writer, so the writer knows the version its write left without reading it back, and a
 * node holding the session can tell by one number whether the row still is what it holds.
 *
 * <p>While changes are announced ({@link ChangeFeed}), the versions written here are remembered
 * until their announcement comes back, so a node does not drop a session from memory for its own write.
 */
@ApplicationScoped
public class RowVersions {

    /** How long a version waits for its announcement: one from a write that rolled back never comes. */
    private static final long REMEMBERED_MS = 60_000;
    /**
     * The most versions remembered: while the feed is down no announcement comes back, and the oldest go
     * first. Forgetting one costs a reload of that session, never a missed change.
     */
    private static final int MOST_REMEMBERED = 10_000;

    /**
     * Versions written here whose announcement has not come back, with when they were issued, oldest first:
     * adding one and forgetting the old ones costs O(1) each. Guarded by itself.
     */
    private final LinkedHashMap<Long, Long> unannounced = new LinkedHashMap<>();

    private volatile boolean remembering;

    /**
     * A version for a write whose result this node's copy of the session holds (a save, an id change): its
     * announcement is ignored here.
     */
    long forSessionWrite() {
        long version = random();
        if (remembering) {
            long nowMs = System.currentTimeMillis();
            synchronized (unannounced) {
                unannounced.put(version, nowMs);
                Iterator<Long> issued = unannounced.values().iterator();
                while (issued.hasNext()) {
                    long issuedMs = issued.next();
                    if (unannounced.size() <= MOST_REMEMBERED && nowMs - issuedMs <= REMEMBERED_MS) {
                        break;
                    }
                    issued.remove();
                }
            }
        }
        return version;
    }

    /**
     * A version for a write that this node's copy does not hold (the visit count): its announcement reaches
     * this node too, which then loads the session afresh.
     */
    long forVisitCount() {
        return random();
    }

    /** Never 0, the version of rows written before versions were random. */
    private static long random() {
        long version;
        do {
            version = ThreadLocalRandom.current().nextLong();
        } while (version == 0);
        return version;
    }

    /** From now on the versions written here are remembered until announced. */
    public void remember() {
        remembering = true;
    }

    /** Whether this node wrote {@code version}: true once per version, as its announcement arrives. */
    public boolean writtenHere(long version) {
        synchronized (unannounced) {
            return unannounced.remove(version) != null;
        }
    }

    /** How many versions wait for their announcement. */
    int remembered() {
        synchronized (unannounced) {
            return unannounced.size();
        }
    }
}
