package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CookieSettingsTest {

    @Test
    void defaultsAreValid() {
        assertThat(CookieSettings.defaults().problems()).isEmpty();
        assertThat(CookieSettings.defaults().name("SESSIONDB")).isEqualTo("SESSIONDB");
    }

    @Test
    void contradictoryOptionsAreEachReportedByKey() {
        CookieSettings settings = new CookieSettings(
                "false", "None", true, Optional.of("example.com"), Optional.of(0), true, List.of("not-an-ip"));

        assertThat(String.join("; ", settings.problems()))
                .contains("sessiondb.cookie.host-prefix needs a Secure cookie")
                .contains("sessiondb.cookie.host-prefix forbids a Domain")
                .contains("sessiondb.cookie.same-site=None needs a Secure cookie")
                .contains("sessiondb.cookie.max-age must be a positive number")
                .contains("sessiondb.trusted-proxies: 'not-an-ip'");
    }

    @Test
    void unknownValuesAreReported() {
        CookieSettings settings =
                new CookieSettings("sometimes", "Loose", false, Optional.empty(), Optional.empty(), false, List.of());

        assertThat(String.join("; ", settings.problems()))
                .contains("sessiondb.cookie.secure must be auto, true or false")
                .contains("sessiondb.cookie.same-site must be Lax, Strict or None");
    }

    @Test
    void rollingNeedsAMaxAge() {
        CookieSettings settings =
                new CookieSettings("auto", "Lax", false, Optional.empty(), Optional.empty(), true, List.of());

        assertThat(settings.problems()).singleElement().asString().contains("sessiondb.cookie.max-age");
    }

    @Test
    void trustedProxiesMatchByCidrForIpv4AndIpv6AndNeverByName() {
        CookieSettings settings = new CookieSettings(
                "auto",
                "Lax",
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                List.of("10.0.0.0/8", "::1", "192.168.1.7"));

        assertThat(settings.isTrustedProxy("10.255.0.1")).isTrue();
        assertThat(settings.isTrustedProxy("11.0.0.1")).isFalse();
        assertThat(settings.isTrustedProxy("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(settings.isTrustedProxy("192.168.1.7")).isTrue();
        assertThat(settings.isTrustedProxy("192.168.1.8")).isFalse();
        assertThat(settings.isTrustedProxy("localhost")).isFalse();
    }
}
