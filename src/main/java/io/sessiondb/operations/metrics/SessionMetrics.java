package io.sessiondb.operations.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place SessionDB records what it does ({@link SessionMetric}), published through MicroProfile
 * Metrics when the server has it; counting nothing until {@link #start()}, and nothing where it has not.
 * SQL statements are counted per thread, so the statements of one request are its own.
 */
@ApplicationScoped
public class SessionMetrics {

    private static final Logger LOG = Logger.getLogger(SessionMetrics.class.getName());
    private static final String MICROPROFILE_METRICS = "org.eclipse.microprofile.metrics.MetricRegistry";
    /** Statements sent on this thread since {@link #requestBegins()}. */
    private static final ThreadLocal<int[]> STATEMENTS = ThreadLocal.withInitial(() -> new int[1]);

    private volatile MetricsSink sink = MetricsSink.NONE;

    /** Called once as the application starts (see the web package's initializer). */
    public void start() {
        sink = publisher();
    }

    private static MetricsSink publisher() {
        try {
            Class.forName(MICROPROFILE_METRICS, false, SessionMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.fine("No MicroProfile Metrics on this server: SessionDB publishes no metrics");
            return MetricsSink.NONE;
        }
        try {
            Instance<MicroProfileMetrics> registry = CDI.current().select(MicroProfileMetrics.class);
            return registry.isResolvable() ? registry.get() : MetricsSink.NONE;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Could not register SessionDB's metrics: it publishes none", e);
            return MetricsSink.NONE;
        }
    }

    public void sessionLoaded() {
        sink.count(SessionMetric.SESSION_LOADS, 1);
    }

    /** @param sessionBytes the session's serialized size after the save */
    public void sessionSaved(long sessionBytes) {
        sink.count(SessionMetric.SESSION_SAVES, 1);
        sink.observe(SessionMetric.SESSION_SIZE, sessionBytes);
    }

    public void cacheHit() {
        sink.count(SessionMetric.CACHE_HITS, 1);
    }

    public void swept(long nanos, int deleted) {
        sink.time(SessionMetric.SWEEPS, nanos);
        sink.count(SessionMetric.SWEPT_SESSIONS, deleted);
    }

    public void unavailable() {
        sink.count(SessionMetric.UNAVAILABLE_RESPONSES, 1);
    }

    /** The number of live sessions, read when the metrics are: a database query, so cached by the caller. */
    public void liveSessions(LongSupplier count) {
        sink.gauge(SessionMetric.LIVE_SESSIONS, count);
    }

    /** A request starts on this thread: its statement count begins at 0. */
    public static void requestBegins() {
        STATEMENTS.get()[0] = 0;
    }

    /** One SQL statement was sent on this thread. */
    public static void statementSent() {
        STATEMENTS.get()[0]++;
    }

    /** The request on this thread used a session and ends: records how many statements it sent. */
    public void requestUsedSession() {
        sink.observe(SessionMetric.STATEMENTS_PER_REQUEST, STATEMENTS.get()[0]);
    }
}
