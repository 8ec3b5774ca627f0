package io.sessiondb.web;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.events.SessionEvents;
import io.sessiondb.metrics.SessionMetrics;
import io.sessiondb.store.SessionChangeFeed;
import io.sessiondb.store.SessionLifecycleLog;
import io.sessiondb.store.SessionRepository;

/** A {@link SessionCache} outside a container, wired by hand; without announced changes (version coherence). */
final class TestSessionCache {

    private TestSessionCache() {}

    static SessionCache of(SessionRepository repository, SessionEvents events, SessionDbConfig config) {
        SessionCache cache = new SessionCache();
        cache.repository = repository;
        cache.events = events;
        cache.config = config;
        cache.lifecycle = new SessionLifecycleLog(config);
        cache.metrics = new SessionMetrics();
        cache.feed = new SessionChangeFeed() {
            @Override
            public boolean available() {
                return false;
            }
        };
        return cache;
    }
}
