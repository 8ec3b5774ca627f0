package io.sessiondb.history;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One operation of a history: what a client sent, to which node, when, and what it got back. One line of
 * the history file ({@link #toJson()}).
 *
 * @param id the operation's number in the history, in order of start
 * @param group the session group (one browser) whose cookie jar the client used
 * @param client the client (one browser tab), such as {@code g1c2}
 * @param node {@code A} or {@code B}
 * @param startNs {@code System.nanoTime()} before the request was sent, from the run's start
 * @param endNs when the answer (or the failure) came, from the run's start
 * @param idleUntilNs for {@link OpType#EXPIRE}: when the idle wait after it ended; else {@code endNs}
 * @param arg the item, the own value, the user; null when the operation has none
 * @param cookieSent the session id of the cookie sent (without its signature), or null
 * @param setCookie the session id of a {@code Set-Cookie} that set one, or null
 * @param cookieCleared whether a {@code Set-Cookie} cleared the session cookie
 * @param status the HTTP status, or -1 when none came
 * @param body the JSON answer of the application (or the admin API), or null
 * @param error why no answer came, or null
 */
record Op(
        int id,
        OpType type,
        int group,
        String client,
        String node,
        long startNs,
        long endNs,
        long idleUntilNs,
        String arg,
        String cookieSent,
        String setCookie,
        boolean cookieCleared,
        int status,
        Outcome outcome,
        JsonObject body,
        String error) {

    boolean ok() {
        return outcome == Outcome.OK;
    }

    /**
     * Until when the operation may take effect: its end (for an expiry, the end of its idle wait); never for one
     * that got no answer (a 5xx answer came after the server was done with the request, so it bounds it too).
     */
    long effectiveEndNs() {
        return outcome == Outcome.INFO && status < 0 ? Long.MAX_VALUE : Math.max(endNs, idleUntilNs);
    }

    /** Whether the two may have taken effect at the same time (a failed one took none). */
    boolean overlaps(Op other) {
        return outcome != Outcome.FAIL
                && other.outcome != Outcome.FAIL
                && startNs < other.effectiveEndNs()
                && other.startNs < effectiveEndNs();
    }

    /** The incarnation the answer reported; null when it reported none or there is no answer. */
    String incarnation() {
        return text("incarnation");
    }

    /** The server's session id the answer reported. */
    String sessionId() {
        return text("sessionId");
    }

    /** The signed-in user the answer reported (for a sign-out: before signing out). */
    String user() {
        return text("user");
    }

    /** For a sign-in: who was signed in before it. */
    String userBefore() {
        return text("userBefore");
    }

    List<String> cart() {
        return body == null || !body.containsKey("cart")
                ? List.of()
                : body.getJsonArray("cart").getValuesAs(JsonString::getString);
    }

    /** The client's own attribute, as the answer reported it. */
    OptionalInt own(String ofClient) {
        if (body == null || !body.containsKey("own")) {
            return OptionalInt.empty();
        }
        JsonValue value = body.getJsonObject("own").get(ofClient);
        return value instanceof JsonNumber number ? OptionalInt.of(number.intValue()) : OptionalInt.empty();
    }

    OptionalInt counter() {
        return body != null && body.get("counter") instanceof JsonNumber n
                ? OptionalInt.of(n.intValue())
                : OptionalInt.empty();
    }

    /** The number an increment answered. */
    OptionalInt result() {
        return body != null && body.get("result") instanceof JsonNumber n
                ? OptionalInt.of(n.intValue())
                : OptionalInt.empty();
    }

    private String text(String key) {
        return body != null && body.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /** One line: times in microseconds would lose overlaps, so nanoseconds. */
    String toJson() {
        JsonObjectBuilder line = Json.createObjectBuilder()
                .add("id", id)
                .add("type", type.wire())
                .add("group", group)
                .add("client", client)
                .add("node", node)
                .add("startNs", startNs)
                .add("endNs", endNs)
                .add("idleUntilNs", idleUntilNs)
                .add("status", status)
                .add("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .add("cookieCleared", cookieCleared);
        addNullable(line, "arg", arg);
        addNullable(line, "cookieSent", cookieSent);
        addNullable(line, "setCookie", setCookie);
        addNullable(line, "error", error);
        line.add("body", body == null ? JsonValue.NULL : body);
        return line.build().toString();
    }

    static Op fromJson(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            JsonObject json = reader.readObject();
            return new Op(
                    json.getInt("id"),
                    OpType.ofWire(json.getString("type")),
                    json.getInt("group"),
                    json.getString("client"),
                    json.getString("node"),
                    json.getJsonNumber("startNs").longValue(),
                    json.getJsonNumber("endNs").longValue(),
                    json.getJsonNumber("idleUntilNs").longValue(),
                    json.getString("arg", null),
                    json.getString("cookieSent", null),
                    json.getString("setCookie", null),
                    json.getBoolean("cookieCleared"),
                    json.getInt("status"),
                    Outcome.valueOf(json.getString("outcome").toUpperCase(Locale.ROOT)),
                    json.get("body") instanceof JsonObject body ? body : null,
                    json.getString("error", null));
        }
    }

    private static void addNullable(JsonObjectBuilder line, String key, String value) {
        if (value == null) {
            line.addNull(key);
        } else {
            line.add(key, value);
        }
    }

    /** How a report names the operation. */
    String describe() {
        return String.format(
                "#%d %s%s %s on %s [%.3f s .. %.3f s] %s sent=%s got=%s%s",
                id,
                type.wire(),
                arg == null ? "" : "(" + arg + ")",
                client,
                node,
                startNs / 1e9,
                Math.max(endNs, idleUntilNs) / 1e9,
                outcome == Outcome.OK ? "ok" : outcome.name().toLowerCase(Locale.ROOT) + "(" + status + ")",
                shortId(cookieSent),
                cookieCleared ? "cleared" : shortId(setCookie),
                body == null ? "" : " incarnation=" + shortId(incarnation()) + " user=" + user());
    }

    static String shortId(String id) {
        return id == null ? "-" : id.length() > 8 ? id.substring(0, 8) : id;
    }
}
