package io.sessiondb.operations.metrics;

import java.util.function.LongSupplier;

/** Where {@link SessionMetrics} publishes: a metrics registry, or nowhere. */
interface MetricsSink {

    MetricsSink NONE = new MetricsSink() {
        @Override
        public void count(SessionMetric metric, long amount) {}

        @Override
        public void observe(SessionMetric metric, long value) {}

        @Override
        public void time(SessionMetric metric, long nanos) {}

        @Override
        public void gauge(SessionMetric metric, LongSupplier value) {}
    };

    void count(SessionMetric metric, long amount);

    void observe(SessionMetric metric, long value);

    void time(SessionMetric metric, long nanos);

    void gauge(SessionMetric metric, LongSupplier value);
}
