package io.sessiondb.operations.log;

import io.sessiondb.cookie.SigningKeys;
import io.sessiondb.store.Fingerprints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * One {@code INFO} line per session lifecycle event, on the logger {@value #LOGGER}: {@code session=<fingerprint>
 * event=<event> principal=<user's fingerprint>}, and {@code previous=<fingerprint>} when the id changed. Never an
 * id, a user's name or a value: see {@link Fingerprints}.
 */
@ApplicationScoped
public class LifecycleLog {

    static final String LOGGER = "io.sessiondb.sessions";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    /** What happened to a session. */
    public enum Event {
        /** Stored for the first time. */
        CREATED,
        /** Its user changed: signed in, or switched. */
        SIGNED_IN,
        /** The application gave it a new id. */
        ID_CHANGED,
        /** The application ended it. */
        INVALIDATED,
        /** The sweeper deleted it after it expired. */
        EXPIRED,
        /** An administrator or its own user ended it from another session. */
        REVOKED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final SigningKeys keys;

    @Inject
    public LifecycleLog(SigningKeys keys) {
        this.keys = keys;
    }

    /** For CDI's proxy. */
    protected LifecycleLog() {
        this(null);
    }

    /** @param storageKey the session's storage key, which the caller holds: no id is hashed again */
    public void record(Event event, String storageKey, String principalName) {
        LOG.info(() -> line(event, Fingerprints.ofStorageKey(storageKey), principalName));
    }

    /** A new id: the line names the session by the new one and tells the previous. */
    public void renamed(Event event, String previousKey, String newKey, String principalName) {
        LOG.info(() -> line(event, Fingerprints.ofStorageKey(newKey), principalName) + " previous="
                + Fingerprints.ofStorageKey(previousKey));
    }

    /** The fingerprint of a user, as these lines show it. */
    public String principalFingerprint(String principalName) {
        return Fingerprints.ofPrincipal(principalName, keys.all().get(0));
    }

    private String line(Event event, String fingerprint, String principalName) {
        return "session=" + fingerprint + " event=" + event.label() + " principal="
                + principalFingerprint(principalName);
    }
}
