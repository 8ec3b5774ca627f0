package io.sessiondb.web;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.metrics.SessionMetrics;
import io.sessiondb.store.SessionChangeFeed;
import io.sessiondb.store.SessionLifecycleLog;
import io.sessiondb.store.SessionRepository;
import io.sessiondb.store.SigningKeys;
import java.util.List;

/** A {@link SessionCache} outside a container, wired by hand; without announced changes (version coherence). */
final class TestSessionCache {

    private TestSessionCache() {}

    static SessionCache of(SessionRepository repository, SessionEvents events, SessionDbConfig config) {
        SessionCache cache = new SessionCache();
        cache.repository = repository;
        cache.events = events;
        cache.config = config;
        cache.lifecycle = new SessionLifecycleLog(signingKeys(config));
        cache.metrics = new SessionMetrics();
        cache.feed = new SessionChangeFeed() {
            @Override
            public boolean available() {
                return false;
            }
        };
        return cache;
    }

    /** The configured secrets, or a test's own when none are: what a node would generate needs a database. */
    static SigningKeys signingKeys(SessionDbConfig config) {
        return SigningKeys.of(config.secrets().configured().orElse(List.of("a-test-secret-of-at-least-32-characters")));
    }
}
