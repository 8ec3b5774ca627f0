package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aNewHashMatchesItsPasswordOnlyAndReadsBackFromItsText() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray());

        PasswordHash read = PasswordHash.parse(hash.toString());

        assertThat(hash.toString()).startsWith("PBKDF2WithHmacSHA256:600000:").doesNotContain("correct horse");
        assertThat(read.matches("correct horse".toCharArray())).isTrue();
        assertThat(read.matches("correct horse ".toCharArray())).isFalse();
        assertThat(PasswordHash.of("correct horse".toCharArray()).toString())
                .as("a new salt each time")
                .isNotEqualTo(hash.toString());
    }

    /**
     * Made by Jakarta Security's Pbkdf2PasswordHash with its defaults (Soteria's Pbkdf2PasswordHashImpl, from
     * Payara Micro 6.2025.10's runtime), of the password "secret".
     */
    @Test
    void readsTheHashesOfJakartaSecurity() {
        PasswordHash soteria = PasswordHash.parse("PBKDF2WithHmacSHA256:2048:"
                + "ZsghxiBfMea05nYsjku5kosLrKl9FbYBpMP8Thv+dk4=:p2YyC2ZecazKMuGgpeYOpTjV34wWKMdGsUOkafKCwaQ=");

        assertThat(soteria.matches("secret".toCharArray())).isTrue();
        assertThat(soteria.matches("Secret".toCharArray())).isFalse();
    }

    /** What an unknown admin user name is checked against, so that it costs what a wrong password costs. */
    @Test
    void aDecoyCostsWhatItsHashCostsAndMatchesNothing() {
        PasswordHash soteria = PasswordHash.parse("PBKDF2WithHmacSHA256:2048:"
                + "ZsghxiBfMea05nYsjku5kosLrKl9FbYBpMP8Thv+dk4=:p2YyC2ZecazKMuGgpeYOpTjV34wWKMdGsUOkafKCwaQ=");

        PasswordHash decoy = soteria.decoy();

        String[] original = soteria.toString().split(":");
        String[] parts = decoy.toString().split(":");
        assertThat(parts[0]).as("algorithm").isEqualTo(original[0]);
        assertThat(parts[1]).as("iterations").isEqualTo(original[1]);
        assertThat(parts[2]).as("salt").hasSameSizeAs(original[2]).isNotEqualTo(original[2]);
        assertThat(parts[3]).as("hash").hasSameSizeAs(original[3]).isNotEqualTo(original[3]);
        assertThat(decoy.matches("secret".toCharArray())).isFalse();
    }

    @Test
    void textThatIsNotAHashIsRefusedSayingHowToMakeOne() {
        assertThatThrownBy(() -> PasswordHash.parse("secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("io.sessiondb.config.PasswordHash");
        assertThatThrownBy(() -> PasswordHash.parse("MD5:1:AAAA:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:0:AAAA:AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasswordHash.parse("PBKDF2WithHmacSHA256:10:not base64!:AAAA"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
