package io.sessiondb.cache;

import io.sessiondb.config.SessionDbConfig;
import io.sessiondb.cookie.TestCookies;
import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.operations.metrics.SessionMetrics;
import io.sessiondb.session.SessionEvents;
import io.sessiondb.store.SessionRepository;

/** A {@link SessionCache} outside a container, wired by hand; without announced changes (version coherence). */
public final class TestSessionCache {

    private TestSessionCache() {}

    public static SessionCache of(SessionRepository repository, SessionEvents events, SessionDbConfig config) {
        SessionCache cache = new SessionCache();
        cache.repository = repository;
        cache.events = events;
        cache.config = config;
        cache.lifecycle = new LifecycleLog(TestCookies.signingKeys(config));
        cache.metrics = new SessionMetrics();
        cache.feed = new ChangeFeed() {
            @Override
            public boolean available() {
                return false;
            }
        };
        return cache;
    }
}
