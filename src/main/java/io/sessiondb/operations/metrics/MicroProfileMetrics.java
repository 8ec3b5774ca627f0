package io.sessiondb.operations.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Publishes to the application's MicroProfile Metrics registry, which the server serves at {@code /metrics}
 * (Prometheus text). Used only where the server has MicroProfile Metrics (see {@link SessionMetrics}); on
 * other servers CDI skips this bean, whose types it cannot load.
 */
@ApplicationScoped
public class MicroProfileMetrics implements MetricsSink {

    /** The application's registry: Payara's producer tells the scope from the injection point, so injected. */
    @Inject
    MetricRegistry registry;

    private final Map<SessionMetric, Counter> counters = new EnumMap<>(SessionMetric.class);
    private final Map<SessionMetric, Histogram> histograms = new EnumMap<>(SessionMetric.class);
    private final Map<SessionMetric, Timer> timers = new EnumMap<>(SessionMetric.class);

    @PostConstruct
    void register() {
        for (SessionMetric metric : SessionMetric.values()) {
            switch (metric.kind()) {
                case COUNTER -> counters.put(metric, registry.counter(metadata(metric)));
                case HISTOGRAM -> histograms.put(metric, registry.histogram(metadata(metric)));
                case TIMER -> timers.put(metric, registry.timer(metadata(metric)));
                case GAUGE -> {} // registered with its value, by gauge()
            }
        }
    }

    @Override
    public void count(SessionMetric metric, long amount) {
        counters.get(metric).inc(amount);
    }

    @Override
    public void observe(SessionMetric metric, long value) {
        histograms.get(metric).update(value);
    }

    @Override
    public void time(SessionMetric metric, long nanos) {
        timers.get(metric).update(Duration.ofNanos(nanos));
    }

    @Override
    public void gauge(SessionMetric metric, LongSupplier value) {
        registry.gauge(metadata(metric), value, LongSupplier::getAsLong);
    }

    private static Metadata metadata(SessionMetric metric) {
        return Metadata.builder()
                .withName(metric.metricName())
                .withDescription(metric.description())
                .withUnit(metric.unit())
                .build();
    }
}
