package io.sessiondb.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieSignerTest {

    private static final String CURRENT = "the-current-secret-0123456789-abcdef";
    private static final String RETIRED = "the-retired-secret-0123456789-abcdef";

    private final String id = SessionIds.generate();

    @Test
    void signedValueIsTheIdADotAndAnHmacAndVerifiesBackToTheId() {
        CookieSigner signer = new CookieSigner(List.of(CURRENT));

        String value = signer.sign(id);

        assertThat(value).startsWith(id + ".").matches("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}");
        assertThat(signer.verify(value)).contains(id);
    }

    @Test
    void firstSecretSignsAndEverySecretVerifiesSoRotationLogsNobodyOut() {
        String signedBeforeRotation = new CookieSigner(List.of(RETIRED)).sign(id);
        CookieSigner rotated = new CookieSigner(List.of(CURRENT, RETIRED));

        assertThat(rotated.verify(signedBeforeRotation)).contains(id);
        assertThat(rotated.sign(id)).isEqualTo(new CookieSigner(List.of(CURRENT)).sign(id));
        assertThat(new CookieSigner(List.of(CURRENT)).verify(signedBeforeRotation))
                .as("once the old secret is dropped")
                .isEmpty();
    }

    @Test
    void aValueThatVerifiedOnceVerifiesAgainAndForgeriesOfItsIdAreStillRefused() {
        CookieSigner signer = new CookieSigner(List.of(CURRENT));
        String value = signer.sign(id);
        assertThat(signer.verify(value)).contains(id);

        assertThat(signer.verify(value)).contains(id);
        assertThat(signer.verify(value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A")))
                .isEmpty();
        assertThat(signer.verify(id + "." + "A".repeat(value.length() - id.length() - 1)))
                .isEmpty();
        assertThat(new CookieSigner(List.of("another-secret-0123456789abcdefghij")).verify(value))
                .as("what one signer verified means nothing to another's keys")
                .isEmpty();
    }

    @Test
    void tamperedIdOrSignatureIsRefused() {
        CookieSigner signer = new CookieSigner(List.of(CURRENT));
        String value = signer.sign(id);
        String otherId = SessionIds.generate();

        assertThat(signer.verify(otherId + value.substring(id.length()))).isEmpty();
        assertThat(signer.verify(value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A")))
                .isEmpty();
        assertThat(signer.verify(new CookieSigner(List.of("an-attackers-own-secret-0123456789ab")).sign(id)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "no-dot", "short.sig", "' OR '1'='1.x"})
    void malformedValuesAreRefused(String value) {
        assertThat(new CookieSigner(List.of(CURRENT)).verify(value)).isEmpty();
    }

    @Test
    void unsignedIdIsRefused() {
        assertThat(new CookieSigner(List.of(CURRENT)).verify(id)).isEmpty();
        assertThat(new CookieSigner(List.of(CURRENT)).verify(null)).isEmpty();
    }

    @Test
    void noSecretIsAnError() {
        assertThatThrownBy(() -> new CookieSigner(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
