package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RememberedResultsTest {

    private final List<String> computed = new ArrayList<>();
    private final Function<String, String> upperCase = argument -> {
        computed.add(argument);
        return argument.equals("none") ? null : argument.toUpperCase();
    };

    @Test
    void aResultIsComputedOnceAndANullOneEveryTime() {
        RememberedResults<String, String> results = new RememberedResults<>(10);

        assertThat(results.get("a", upperCase)).isEqualTo("A");
        assertThat(results.get("a", upperCase)).isEqualTo("A");
        assertThat(results.get("none", upperCase)).isNull();
        assertThat(results.get("none", upperCase)).isNull();

        assertThat(computed).containsExactly("a", "none", "none");
    }

    @Test
    void whenFullItStartsOver() {
        RememberedResults<String, String> results = new RememberedResults<>(2);
        results.get("a", upperCase);
        results.get("b", upperCase);

        results.get("c", upperCase); // full: forgets a and b
        results.get("c", upperCase);
        results.get("a", upperCase);

        assertThat(computed).containsExactly("a", "b", "c", "a");
    }
}
