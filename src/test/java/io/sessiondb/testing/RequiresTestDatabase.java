package io.sessiondb.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a test class, with a reason that says so, when the run's {@link TestDatabase} has no server on
 * this machine: such a run reports the database as not tested instead of passing silently.
 */
public class RequiresTestDatabase implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestDatabase database = TestDatabase.selected();
        return database.isAvailable()
                ? ConditionEvaluationResult.enabled("testing on " + database.displayName())
                : ConditionEvaluationResult.disabled(database.unavailableReason());
    }
}
