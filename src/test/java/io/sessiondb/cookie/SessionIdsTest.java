package io.sessiondb.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdsTest {

    @Test
    void generatedIdsAreWellFormedUrlSafeAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SessionIds.generate();
            assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(SessionIds.isWellFormed(id)).as(id).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "short",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+E",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/E",
                "' OR '1'='1' --AAAAAAAAAAAAAAAAAAAAAAAAAAAE",
                "üAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"
            })
    void malformedValuesAreRejected(String value) {
        assertThat(SessionIds.isWellFormed(value)).isFalse();
    }

    @Test
    void nullAndHugeValuesAreRejected() {
        assertThat(SessionIds.isWellFormed(null)).isFalse();
        assertThat(SessionIds.isWellFormed("A".repeat(100_000))).isFalse();
    }
}
