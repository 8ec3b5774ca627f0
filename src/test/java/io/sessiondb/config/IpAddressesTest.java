package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @Test
    void aHostNameThatResolvesIsNotAnAddress() throws Exception {
        // "localhost" resolves on every machine: the JDK's resolver would answer 127.0.0.1 for it
        assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();

        assertThat(IpAddresses.parse("localhost")).isEmpty();
        assertThat(IpAddresses.parse("localhost.")).isEmpty();
        assertThat(IpAddresses.parse("[localhost]")).isEmpty();
        assertThat(IpAddresses.parse("localhost:8080")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "1.2.3",
                "1",
                "4294967295",
                "0x7f.0.0.1",
                "127.000.0.1",
                "01.2.3.4",
                "256.1.1.1",
                "999.1.1.1",
                "1.2.3.4.",
                "1.2.3.4 ",
                "+1.2.3.4",
                "1..2.3",
                ":::",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "12345::",
                "g::1",
                "::1.2.3",
                "1.2.3.4::",
                "::ffff:1.2.3.400",
                "[::1",
                ""
            })
    void textThatIsNotALiteralIsNotAnAddress(String text) {
        assertThat(IpAddresses.parse(text)).as("'%s'", text).isEmpty();
    }

    @Test
    void nullIsNotAnAddress() {
        assertThat(IpAddresses.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "127.0.0.1",
                "203.0.113.7",
                "255.255.255.255",
                "::",
                "::1",
                "0:0:0:0:0:0:0:1",
                "2001:db8::1",
                "2001:DB8:0:0:8:800:200C:417A",
                "fe80::",
                "1::",
                "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8",
                "::ffff:203.0.113.7",
                "64:ff9b::192.0.2.33",
                "[2001:db8::1]",
                "fe80::1%eth0"
            })
    void literalsReadAsTheJdkReadsThem(String text) throws Exception {
        // the JDK parses a literal without a lookup; the zone and brackets are this class's to drop
        String plain = text.replaceAll("^\\[|]$", "").replaceAll("%.*$", "");
        byte[] expected = InetAddress.getByName(plain).getAddress();

        Optional<byte[]> parsed = IpAddresses.parse(text);

        assertThat(parsed).as("'%s'", text).hasValueSatisfying(bytes -> assertThat(bytes)
                .containsExactly(expected));
    }
}
