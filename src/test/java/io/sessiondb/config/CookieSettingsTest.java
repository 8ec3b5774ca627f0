package io.sessiondb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CookieSettingsTest {

    private static CookieSettings cookie(Map<String, String> overrides) {
        return CookieSettings.read(TestConfig.with(overrides));
    }

    @Test
    void defaultsAreValid() {
        CookieSettings defaults = cookie(Map.of());

        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.name()).isEqualTo("SESSIONDB");
    }

    @Test
    void theHostPrefixIsPartOfTheName() {
        assertThat(cookie(Map.of("sessiondb.cookie.name", "MYAPP", "sessiondb.cookie.host-prefix", "true"))
                        .name())
                .isEqualTo("__Host-MYAPP");
    }

    @Test
    void contradictoryOptionsAreEachReportedByKey() {
        CookieSettings settings = cookie(Map.of(
                "sessiondb.cookie.secure", "false",
                "sessiondb.cookie.same-site", "None",
                "sessiondb.cookie.host-prefix", "true",
                "sessiondb.cookie.domain", "example.com",
                "sessiondb.cookie.max-age", "0",
                "sessiondb.cookie.rolling", "true",
                "sessiondb.trusted-proxies", "not-an-ip"));

        assertThat(String.join("; ", settings.problems()))
                .contains("sessiondb.cookie.host-prefix needs a Secure cookie")
                .contains("sessiondb.cookie.host-prefix forbids a Domain")
                .contains("sessiondb.cookie.same-site=None needs a Secure cookie")
                .contains("sessiondb.cookie.max-age must be a positive number")
                .contains("sessiondb.trusted-proxies: 'not-an-ip'");
    }

    @Test
    void unknownValuesAreReported() {
        CookieSettings settings = cookie(Map.of(
                "sessiondb.cookie.secure", "sometimes",
                "sessiondb.cookie.same-site", "Loose",
                "sessiondb.cookie.name", "bad name;"));

        assertThat(String.join("; ", settings.problems()))
                .contains("sessiondb.cookie.secure must be auto, true or false")
                .contains("sessiondb.cookie.same-site must be Lax, Strict or None")
                .contains("sessiondb.cookie.name must be a cookie token");
    }

    @Test
    void rollingNeedsAMaxAge() {
        CookieSettings settings = cookie(Map.of("sessiondb.cookie.rolling", "true"));

        assertThat(settings.problems()).singleElement().asString().contains("sessiondb.cookie.max-age");
    }

    @Test
    void trustedProxiesMatchByCidrForIpv4AndIpv6AndNeverByName() {
        CookieSettings settings = cookie(Map.of("sessiondb.trusted-proxies", "10.0.0.0/8,::1,192.168.1.7"));

        assertThat(settings.isTrustedProxy("10.255.0.1")).isTrue();
        assertThat(settings.isTrustedProxy("11.0.0.1")).isFalse();
        assertThat(settings.isTrustedProxy("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(settings.isTrustedProxy("192.168.1.7")).isTrue();
        assertThat(settings.isTrustedProxy("192.168.1.8")).isFalse();
        assertThat(settings.isTrustedProxy("localhost")).isFalse();
    }

    /** As the Servlet TCK's SessionCookieConfig test configures it, in a listener of the application. */
    @Test
    void theApplicationsOwnCookieConfigurationApplies() {
        ApplicationCookieConfig application = new ApplicationCookieConfig();
        application.setName("TCK_Cookie_Name");
        application.setPath("/shop/checkout");
        application.setDomain("example.com");
        application.setSecure(true);
        application.setHttpOnly(false);
        application.setMaxAge(50_000);
        application.setAttribute("SameSite", "Strict");
        application.setAttribute("Partitioned", "");

        CookieSettings settings = cookie(Map.of()).adopting(application);

        assertThat(settings.problems()).isEmpty();
        assertThat(settings.name()).isEqualTo("TCK_Cookie_Name");
        assertThat(settings.path()).hasValue("/shop/checkout");
        assertThat(settings.domain()).hasValue("example.com");
        assertThat(settings.secure()).isEqualTo(CookieSettings.Secure.ALWAYS);
        assertThat(settings.maxAgeSeconds()).hasValue(50_000);
        assertThat(settings.sameSite()).isEqualTo("Strict");
        assertThat(settings.attributes()).containsExactly(Map.entry("Partitioned", ""));
    }

    @Test
    void configuredKeysWinOverTheApplicationsCookieConfiguration() {
        ApplicationCookieConfig application = new ApplicationCookieConfig();
        application.setName("APP");
        application.setSecure(true);
        application.setMaxAge(600);
        application.setAttribute("SameSite", "Strict");

        CookieSettings settings = cookie(Map.of(
                        "sessiondb.cookie.name", "OURS",
                        "sessiondb.cookie.secure", "false",
                        "sessiondb.cookie.max-age", "60",
                        "sessiondb.cookie.same-site", "Lax"))
                .adopting(application);

        assertThat(settings.name()).isEqualTo("OURS");
        assertThat(settings.secure()).isEqualTo(CookieSettings.Secure.NEVER);
        assertThat(settings.maxAgeSeconds()).hasValue(60);
        assertThat(settings.sameSite()).isEqualTo("Lax");
    }

    @Test
    void anApplicationThatSetsNothingKeepsSessionDbsCookie() {
        ApplicationCookieConfig containerDefault = new ApplicationCookieConfig();
        containerDefault.setName("JSESSIONID");

        CookieSettings settings = cookie(Map.of()).adopting(containerDefault);

        assertThat(settings.name()).isEqualTo("SESSIONDB");
        assertThat(settings.path()).isEmpty();
        assertThat(settings.domain()).isEmpty();
        assertThat(settings.maxAgeSeconds()).isEmpty();
        assertThat(settings.secure()).isEqualTo(CookieSettings.Secure.AUTO);
        assertThat(settings.sameSite()).isEqualTo("Lax");
        assertThat(settings.attributes()).isEmpty();
    }

    @Test
    void anApplicationsCookieNameThatIsNoTokenIsAProblem() {
        ApplicationCookieConfig application = new ApplicationCookieConfig();
        application.setName("no token");

        assertThat(cookie(Map.of()).adopting(application).problems())
                .singleElement()
                .asString()
                .contains("sessiondb.cookie.name");
    }
}
