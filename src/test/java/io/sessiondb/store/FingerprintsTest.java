package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintsTest {

    private static final String SECRET = "dev-only-secret-never-use-in-production-0123456789";

    @Test
    void aSessionFingerprintBeginsItsStorageKeyAndNamesNoId() {
        String id = "4f9a1c0e-session-id";

        String fingerprint = Fingerprints.ofSessionId(id);

        assertThat(fingerprint).hasSize(8).isEqualTo(StorageKeys.of(id).substring(0, 8));
        assertThat(id).doesNotContain(fingerprint);
        assertThat(Fingerprints.isSessionFingerprint(fingerprint)).isTrue();
    }

    @Test
    void onlyEightUrlSafeBase64CharactersAreASessionFingerprint() {
        assertThat(Fingerprints.isSessionFingerprint("Ab3_-9xZ")).isTrue();
        assertThat(Fingerprints.isSessionFingerprint("Ab3_-9x")).isFalse();
        assertThat(Fingerprints.isSessionFingerprint("Ab3_-9xZZ")).isFalse();
        assertThat(Fingerprints.isSessionFingerprint("Ab3%-9xZ")).isFalse();
        assertThat(Fingerprints.isSessionFingerprint(null)).isFalse();
    }

    /** docs/operations.md's one-liner: printf 'principal:%s' alice | openssl dgst -sha256 -hmac "$SECRET". */
    @Test
    void aUserFingerprintIsTheReadmesOpensslHmacAndNeedsTheSecret() {
        assertThat(Fingerprints.ofPrincipal("alice", SECRET)).isEqualTo("c51d9e8528bd");
        assertThat(Fingerprints.ofPrincipal("alice", SECRET + "x")).isNotEqualTo("c51d9e8528bd");
        assertThat(Fingerprints.ofPrincipal("bob", SECRET)).isNotEqualTo("c51d9e8528bd");
        assertThat(Fingerprints.ofPrincipal(null, SECRET)).isEqualTo("-");
    }
}
