package io.sessiondb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeCodecTest {

    record Holder(Object inner) implements Serializable {}

    @Test
    void serializableValueRoundTrips() {
        List<String> cart = new ArrayList<>(List.of("apple", "pear"));

        Object back = AttributeCodec.deserialize("cart", AttributeCodec.serialize("cart", cart));

        assertThat(back).isEqualTo(cart).isNotSameAs(cart);
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
        assertThatThrownBy(() -> AttributeCodec.deserialize("broken", new byte[] {1, 2, 3}))
                .isInstanceOf(UnreadableAttributeException.class)
                .hasMessageContaining("'broken'")
                .extracting(e -> ((UnreadableAttributeException) e).attributeName())
                .isEqualTo("broken");
    }
}
