package io.sessiondb.operations.metrics;

/**
 * Every metric SessionDB publishes, in MicroProfile Metrics' terms; Prometheus shows {@code sessiondb.session.loads}
 * as {@code sessiondb_session_loads_total}, a histogram in bytes with the suffix {@code _bytes}, a timer in
 * seconds.
 */
public enum SessionMetric {
    SESSION_LOADS(Kind.COUNTER, "sessiondb.session.loads", "none", "Sessions read whole from the database"),
    SESSION_SAVES(Kind.COUNTER, "sessiondb.session.saves", "none", "Session writes (each one transaction)"),
    CACHE_HITS(
            Kind.COUNTER,
            "sessiondb.cache.hits",
            "none",
            "Requests served a session this node held, without reading it whole"),
    STATEMENTS_PER_REQUEST(
            Kind.HISTOGRAM,
            "sessiondb.request.statements",
            "none",
            "SQL statements sent by one request that used a session"),
    SWEEPS(Kind.TIMER, "sessiondb.sweeps", "nanoseconds", "Runs of the expired-session sweep, and how long they took"),
    SWEPT_SESSIONS(Kind.COUNTER, "sessiondb.swept.sessions", "none", "Expired sessions deleted by the sweep"),
    LIVE_SESSIONS(Kind.GAUGE, "sessiondb.sessions.live", "none", "Sessions stored and not expired"),
    SESSION_SIZE(Kind.HISTOGRAM, "sessiondb.session.size", "bytes", "Serialized size of a session, at each save"),
    UNAVAILABLE_RESPONSES(
            Kind.COUNTER,
            "sessiondb.unavailable.responses",
            "none",
            "503 answers: the session database failed or a session stayed locked");

    enum Kind {
        COUNTER,
        HISTOGRAM,
        TIMER,
        GAUGE
    }

    private final Kind kind;
    private final String metricName;
    private final String unit;
    private final String description;

    SessionMetric(Kind kind, String metricName, String unit, String description) {
        this.kind = kind;
        this.metricName = metricName;
        this.unit = unit;
        this.description = description;
    }

    Kind kind() {
        return kind;
    }

    /** The MicroProfile Metrics name. */
    public String metricName() {
        return metricName;
    }

    String unit() {
        return unit;
    }

    String description() {
        return description;
    }
}
