package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageKeysTest {

    @Test
    void keyIsAStableSha256OfTheIdAndNeverTheIdItself() {
        String id = "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";

        assertThat(StorageKeys.of(id)).isEqualTo(StorageKeys.of(id)).hasSize(43).isNotEqualTo(id);
        assertThat(StorageKeys.of(id + "x")).isNotEqualTo(StorageKeys.of(id));
        // SHA-256("abc"), a published test vector, in URL-safe Base64
        assertThat(StorageKeys.of("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void principalNameIsStoredAsItIsUpToTheColumnWidthAndAsItsHashBeyond() {
        String widest = "u".repeat(255);
        String wider = "u".repeat(256);

        assertThat(StorageKeys.principalName("alice")).isEqualTo("alice");
        assertThat(StorageKeys.principalName(widest)).isEqualTo(widest);
        assertThat(StorageKeys.principalName(wider)).isEqualTo("sha256:" + StorageKeys.of(wider));
    }
}
