package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessiondb.config.AttributeLimits;
import io.sessiondb.config.TestConfig;
import java.io.Serializable;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.example.untrusted.UntrustedValue;
import org.junit.jupiter.api.Test;

class AttributeCodecTest {

    /** The defaults, with this test's package named as the application's, as an application names its own. */
    private static final AttributeLimits DEFAULTS =
            TestConfig.limits(Map.of("sessiondb.deserialization.application-packages", "io.sessiondb.store.*"));

    private static AttributeLimits smallLimits() {
        return TestConfig.limits(
                Map.of("sessiondb.max-attribute-bytes", "1000", "sessiondb.max-session-bytes", "1000"));
    }

    record Holder(Object inner) implements Serializable {}

    private static Object roundTrip(Object value, AttributeLimits limits) {
        return AttributeCodec.deserialize("value", AttributeCodec.serialize("value", value), limits);
    }

    @Test
    void serializableValueRoundTrips() {
        List<String> cart = new ArrayList<>(List.of("apple", "pear"));

        Object back = AttributeCodec.deserialize("cart", AttributeCodec.serialize("cart", cart), DEFAULTS);

        assertThat(back).isEqualTo(cart).isNotSameAs(cart);
    }

    @Test
    void commonJdkValuesAndTheApplicationsNamedPackagesAreAllowed() {
        Map<String, Object> value = new HashMap<>();
        value.put("when", Instant.ofEpochMilli(42));
        value.put("numbers", new int[] {1, 2, 3});
        value.put("names", List.of("a", "b"));
        value.put("uri", URI.create("https://example.com/"));
        value.put("holder", new Holder(7L));

        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) roundTrip(value, DEFAULTS);

        assertThat(back.get("numbers")).isEqualTo(new int[] {1, 2, 3});
        assertThat(back).containsEntry("when", Instant.ofEpochMilli(42)).containsEntry("holder", new Holder(7L));
    }

    @Test
    void classOutsideTheAllowlistIsRefusedNamingTheClassAndTheAllowlist() {
        byte[] bytes = AttributeCodec.serialize("untrusted", new UntrustedValue("x"));

        assertThatThrownBy(() -> AttributeCodec.deserialize("untrusted", bytes, DEFAULTS))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("'untrusted'")
                .hasMessageContaining("class org.example.untrusted.UntrustedValue")
                .hasMessageContaining("refused by the deserialization allowlist (the application's own"
                        + " WEB-INF/classes pass unless sessiondb.deserialization.application-classes=false; name other"
                        + " packages of the application in sessiondb.deserialization.application-packages, library"
                        + " classes in sessiondb.deserialization.allow); the value stays stored")
                .extracting(e -> ((UnreadableAttributeException) e).attributeName())
                .isEqualTo("untrusted");
    }

    @Test
    void theApplicationsClassesAreRefusedUntilItNamesTheirPackages() {
        byte[] bytes = AttributeCodec.serialize("holder", new Holder(7L));

        assertThatThrownBy(() -> AttributeCodec.deserialize("holder", bytes, TestConfig.limits(Map.of())))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("class io.sessiondb.store.AttributeCodecTest$Holder was refused");
    }

    @Test
    void refusedClassInsideAnAllowedCollectionIsStillRefused() {
        byte[] bytes = AttributeCodec.serialize("list", new ArrayList<>(List.of("ok", new UntrustedValue("x"))));

        assertThatThrownBy(() -> AttributeCodec.deserialize("list", bytes, DEFAULTS))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("org.example.untrusted.UntrustedValue");
    }

    @Test
    void configuredPatternAllowsMoreClasses() {
        AttributeLimits limits = TestConfig.limits(Map.of("sessiondb.deserialization.allow", "org.example.**"));

        assertThat(roundTrip(new UntrustedValue("x"), limits)).isEqualTo(new UntrustedValue("x"));
    }

    @Test
    void applicationClassesAreAllowedOnlyThroughTheApplicationPackages() {
        AttributeLimits otherApplication =
                TestConfig.limits(Map.of("sessiondb.deserialization.application-packages", "com.other.**"));

        assertThatThrownBy(() -> roundTrip(new Holder("x"), otherApplication))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining(Holder.class.getName());
    }

    @Test
    void urlIsRefusedSinceHashingItResolvesTheHost() throws Exception {
        URL url = URI.create("http://example.com/").toURL();

        assertThatThrownBy(() -> roundTrip(url, DEFAULTS))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("class java.net.URL");
    }

    @Test
    void valueNestedDeeperThanTheDepthLimitIsRefused() {
        List<Object> nested = new ArrayList<>();
        for (int i = 0; i < AttributeLimits.MAX_DEPTH + 5; i++) {
            nested = new ArrayList<>(List.of(nested));
        }
        List<Object> deep = nested;

        assertThatThrownBy(() -> roundTrip(deep, DEFAULTS))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("depth " + (AttributeLimits.MAX_DEPTH + 1))
                .hasMessageContaining("refused by the deserialization allowlist");
    }

    @Test
    void valueLargerThanTheAttributeLimitIsRefusedWhenRead() {
        AttributeLimits small = smallLimits();
        byte[] bytes = AttributeCodec.serialize("big", new byte[2000]);

        assertThatThrownBy(() -> AttributeCodec.deserialize("big", bytes, small))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("'big'")
                .hasMessageContaining("refused by the deserialization allowlist");
    }

    @Test
    void valueLargerThanTheAttributeLimitFailsAtSerializationNamingItsSizeAndTheLimit() {
        AttributeLimits small = smallLimits();
        int size = AttributeCodec.serialize("big", new byte[2000]).length;

        assertThatThrownBy(() -> AttributeCodec.serialize("big", new byte[2000], small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'big'")
                .hasMessageContaining(size + " bytes")
                .hasMessageContaining("limit of 1000 bytes (sessiondb.max-attribute-bytes)");
        assertThat(AttributeCodec.serialize("small", new byte[10], small)).hasSizeLessThan(1000);
    }

    @Test
    void valueThatIsNotSerializableFailsNamingTheAttribute() {
        assertThatThrownBy(() -> AttributeCodec.serialize("socket", new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'socket'")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void serializableValueHoldingAnUnserializableOneFailsNamingTheAttribute() {
        assertThatThrownBy(() -> AttributeCodec.serialize("holder", new Holder(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'holder'");
    }

    @Test
    void bytesThatAreNotASerializedValueAreReportedUnreadable() {
        assertThatThrownBy(() -> AttributeCodec.deserialize("broken", new byte[] {1, 2, 3}, DEFAULTS))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("'broken'")
                .hasMessageNotContaining("allowlist")
                .extracting(e -> ((UnreadableAttributeException) e).attributeName())
                .isEqualTo("broken");
    }
}
