package io.sessiondb.operations.admin;

import io.sessiondb.operations.log.LifecycleLog;
import io.sessiondb.store.SessionCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** Sessions as the JSON of the admin and own-sessions APIs: times in ISO-8601 (UTC), null for none. */
@ApplicationScoped
public class SessionJson {

    @Inject
    LifecycleLog lifecycle;

    /** What an administrator sees of a session; the principal's fingerprint is the one the logs show. */
    JsonObjectBuilder forAdmin(SessionCatalog.Summary session) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("fingerprint", session.fingerprint());
        JsonExchange.addText(json, "principal", session.principalName());
        json.add("principalFingerprint", principalFingerprint(session.principalName()));
        JsonExchange.addTime(json, "created", session.createdMs());
        JsonExchange.addTime(json, "lastAccessed", session.lastAccessedMs());
        JsonExchange.addTime(json, "lastActive", session.lastActiveMs());
        JsonExchange.addTime(json, "expires", session.expiresAtMs());
        return device(json, session);
    }

    /** What a user sees of one of their own sessions. */
    JsonObjectBuilder forOwner(SessionCatalog.Summary session, boolean current) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("fingerprint", session.fingerprint());
        JsonExchange.addTime(json, "created", session.createdMs());
        JsonExchange.addTime(json, "lastActive", session.lastActiveMs());
        return device(json, session).add("current", current);
    }

    String principalFingerprint(String principalName) {
        return lifecycle.principalFingerprint(principalName);
    }

    private static JsonObjectBuilder device(JsonObjectBuilder json, SessionCatalog.Summary session) {
        JsonExchange.addText(json, "userAgent", session.device().userAgent());
        JsonExchange.addText(json, "address", session.device().address());
        return json;
    }
}
