package org.example.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the shop's session listeners heard, as lines {@code <listener> <event> <session id>}. */
final class SessionEventLog {

    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    private SessionEventLog() {}

    static void record(String listener, String event, String sessionId) {
        LINES.add(listener + " " + event + " " + sessionId);
    }

    /** The events of one session, in the order they were heard, without its id. */
    static List<String> of(String sessionId) {
        return LINES.stream()
                .filter(line -> line.endsWith(" " + sessionId))
                .map(line -> line.substring(0, line.length() - sessionId.length() - 1))
                .toList();
    }
}
