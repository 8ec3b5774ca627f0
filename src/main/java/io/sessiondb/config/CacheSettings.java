package io.sessiondb.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * The sessions a node keeps in memory between requests.
 *
 * @param maxSessions how many sessions without a request in progress a node keeps, the least recently
 *     used going first; 0 keeps none (concurrent requests of a session still share one object)
 * @param maxBytes how large, serialized, the sessions a node keeps without a request in progress may be in
 *     all, the least recently used going first
 * @param coherence how a node learns that a session it keeps was changed elsewhere
 */
public record CacheSettings(int maxSessions, long maxBytes, Coherence coherence) {

    static final String MAX_SESSIONS = "sessiondb.cache.max-sessions";
    static final String MAX_BYTES = "sessiondb.cache.max-bytes";
    static final String COHERENCE = "sessiondb.cache.coherence";

    /** How a held session is known to be current. */
    public enum Coherence {
        /**
         * Each request reads the session row's version, one narrow query, instead of the whole session: a
         * change made anywhere is seen by the next request.
         */
        VERSION,
        /**
         * PostgreSQL announces every change as it commits, and a held session is used without a query: a
         * change made on another node is seen once its announcement has arrived, normally within a
         * millisecond, not always before the client's next request.
         */
        NOTIFY
    }

    public static CacheSettings read(Config config) {
        String coherence = config.getValue(COHERENCE, String.class).trim().toUpperCase(Locale.ROOT);
        return new CacheSettings(
                config.getValue(MAX_SESSIONS, Integer.class),
                config.getValue(MAX_BYTES, Long.class),
                List.of("NOTIFY", "VERSION").contains(coherence) ? Coherence.valueOf(coherence) : null);
    }

    public List<String> problems() {
        if (coherence == null) {
            return List.of(COHERENCE + " must be version or notify");
        }
        List<String> problems = new ArrayList<>();
        if (maxSessions < 0) {
            problems.add(MAX_SESSIONS + " must be 0 or more, was " + maxSessions);
        }
        if (maxBytes < 0) {
            problems.add(MAX_BYTES + " must be 0 or more, was " + maxBytes);
        }
        return problems;
    }
}
