package io.sessiondb.session;

import io.sessiondb.cache.SessionCache;
import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.store.Fingerprints;
import io.sessiondb.store.SessionWrite;
import java.util.logging.Logger;

/** What a save tells those watching: the saves metric, the lifecycle line of a new session, a debug line. */
public final class SaveReport {

    private static final Logger LOG = Logger.getLogger(SaveReport.class.getName());

    private SaveReport() {}

    public static void saved(SessionCache cache, StoredSession session, SessionWrite write) {
        cache.metrics().sessionSaved(session.size());
        if (write.newSession()) {
            cache.lifecycle()
                    .record(
                            LifecycleLog.Event.CREATED,
                            session.row().storageKey(),
                            write.row().principalName());
        }
        LOG.fine(() -> "Saved session " + Fingerprints.ofSessionId(write.sessionId())
                + (write.newSession() ? " (new)" : "") + ": inserted "
                + write.insertedAttributes().keySet()
                + ", updated " + write.updatedAttributes().keySet() + ", removed " + write.removedAttributes());
    }
}
