package io.sessiondb.web;

import io.sessiondb.store.StorageKeys;

/** How sessions appear in logs and messages: a short fingerprint, never the id itself. */
final class SessionLog {

    private SessionLog() {}

    static String fingerprint(String sessionId) {
        return "#" + StorageKeys.of(sessionId).substring(0, 8);
    }
}
