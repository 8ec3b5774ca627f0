package io.sessiondb.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the TCK tests listed in {@code excluded-tests.txt} ({@code Class#method reason} or, for a whole class,
 * {@code Class reason}, one a line), reporting the reason: tests that cannot run on the server under test,
 * whatever its sessions. A class skipped whole deploys nothing. Registered for every test
 * through JUnit's extension auto-detection (junit-platform.properties).
 */
public final class ExcludedTests implements ExecutionCondition {

    private static final Map<String, String> REASONS = read("excluded-tests.txt");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String test = context.getTestMethod()
                .map(method -> context.getRequiredTestClass().getName() + "#" + method.getName())
                .orElseGet(() -> context.getRequiredTestClass().getName());
        String reason = REASONS.get(test);
        return reason == null
                ? ConditionEvaluationResult.enabled("not excluded")
                : ConditionEvaluationResult.disabled(reason);
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> reasons = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(ExcludedTests.class.getResourceAsStream("/" + resource), resource),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] testAndReason = line.split("\\s+", 2);
                if (testAndReason.length < 2) {
                    throw new IllegalStateException(resource + ": not 'Class[#method] reason': " + line);
                }
                reasons.put(testAndReason[0], testAndReason[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }
}
