package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeLimitsTest {

    private static AttributeLimits limits(Map<String, String> overrides) {
        return AttributeLimits.read(TestConfig.with(overrides));
    }

    @Test
    void sizesAreRead() {
        AttributeLimits limits =
                limits(Map.of("sessiondb.max-attribute-bytes", "1000", "sessiondb.max-session-bytes", "5000"));

        assertThat(limits.problems()).isEmpty();
        assertThat(limits.maxAttributeBytes()).isEqualTo(1000);
        assertThat(limits.maxSessionBytes()).isEqualTo(5000);
    }

    @Test
    void sizeLimitsMustBePositive() {
        AttributeLimits limits =
                limits(Map.of("sessiondb.max-attribute-bytes", "0", "sessiondb.max-session-bytes", "-1"));

        assertThat(limits.problems())
                .contains(
                        "sessiondb.max-attribute-bytes must be at least 1 byte, was 0",
                        "sessiondb.max-session-bytes must be at least 1 byte, was -1");
        assertThatThrownBy(limits::readFilter).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAttributeLimitIsNoMoreThanTheSessionLimit() {
        AttributeLimits limits =
                limits(Map.of("sessiondb.max-attribute-bytes", "2000", "sessiondb.max-session-bytes", "1000"));

        assertThat(limits.problems())
                .containsExactly(
                        "sessiondb.max-attribute-bytes (2000) must not be more than sessiondb.max-session-bytes (1000)");
    }

    @Test
    void deserializationPatternsMustBeClassPatternsNamingTheirKey() {
        AttributeLimits limits = limits(Map.of(
                "sessiondb.deserialization.allow", "com.example.**, maxdepth=1000",
                "sessiondb.deserialization.application-packages", "*"));

        assertThat(limits.problems())
                .hasSize(2)
                .anySatisfy(
                        problem -> assertThat(problem).startsWith("sessiondb.deserialization.allow: 'maxdepth=1000'"))
                .contains("sessiondb.deserialization.application-packages: '*' would allow every class");
    }

    @Test
    void patternProblemsSayWhatIsWrong() {
        assertThat(AttributeLimits.patternProblem("com.example.**")).isNull();
        assertThat(AttributeLimits.patternProblem("maxdepth=100")).contains("one class pattern");
        assertThat(AttributeLimits.patternProblem("*")).contains("every class");
        assertThat(AttributeLimits.patternProblem(" ")).contains("blank");
    }
}
