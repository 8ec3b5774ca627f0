package io.sessiondb.e2e;

import io.sessiondb.testing.ApiResponse;
import io.sessiondb.testing.HttpSessionClient;
import java.util.Optional;

/** Reads SessionDB's values out of a server's {@code /metrics} answer, Prometheus text format. */
final class PrometheusText {

    private final String text;

    private PrometheusText(String text) {
        this.text = text;
    }

    static PrometheusText of(HttpSessionClient client) {
        ApiResponse metrics = client.get("/metrics", "Accept", "text/plain");
        if (metrics.status() != 200) {
            throw new AssertionError("GET /metrics: " + metrics);
        }
        return new PrometheusText(metrics.body());
    }

    /** The value of the application-scope series {@code name}, e.g. {@code sessiondb_session_loads_total}. */
    double value(String name) {
        return find(name + "{mp_scope=\"application\"} ")
                .orElseThrow(() -> new AssertionError("no " + name + " in /metrics:\n" + text));
    }

    /** The type line says what Prometheus makes of it ({@code counter}, {@code gauge}, {@code summary}). */
    String type(String name) {
        return text.lines()
                .filter(line -> line.startsWith("# TYPE " + name + " "))
                .map(line -> line.substring(("# TYPE " + name + " ").length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no type of " + name + " in /metrics"));
    }

    private Optional<Double> find(String prefix) {
        return text.lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Double.parseDouble(line.substring(prefix.length()).strip()))
                .findFirst();
    }
}
