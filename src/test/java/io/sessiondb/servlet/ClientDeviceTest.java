package io.sessiondb.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sessiondb.config.CookieSettings;
import io.sessiondb.config.TestConfig;
import io.sessiondb.store.SessionDevice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientDeviceTest {

    private static final CookieSettings BEHIND_PROXY = TestConfig.settings(
                    Map.of("sessiondb.trusted-proxies", "10.0.0.0/8"))
            .cookie();
    private static final CookieSettings DIRECT = TestConfig.settings(Map.of()).cookie();

    @Test
    void recordsTheUserAgentAndTheClientsNetworkNotItsAddress() {
        SessionDevice device = ClientDevice.of(request("203.0.113.77", null, "Mozilla/5.0 (X11)"), DIRECT);

        assertThat(device).isEqualTo(new SessionDevice("Mozilla/5.0 (X11)", "203.0.113.0/24"));
        assertThat(ClientDevice.of(request("2001:db8:1234:5678::9", null, null), DIRECT))
                .isEqualTo(new SessionDevice(null, "2001:db8:1234::/48"));
    }

    @Test
    void believesXForwardedForOnlyFromTrustedProxiesAndOnlyUpToTheFirstUntrustedHop() {
        assertThat(ClientDevice.of(request("10.0.0.5", "198.51.100.7", null), BEHIND_PROXY)
                        .address())
                .isEqualTo("198.51.100.0/24");
        assertThat(ClientDevice.of(request("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.1.1.1", null), BEHIND_PROXY)
                        .address())
                .as("what the client wrote left of the first untrusted hop is ignored")
                .isEqualTo("198.51.100.0/24");
        assertThat(ClientDevice.of(request("203.0.113.77", "198.51.100.7", null), BEHIND_PROXY)
                        .address())
                .as("a peer that is no trusted proxy forges nothing")
                .isEqualTo("203.0.113.0/24");
        assertThat(ClientDevice.of(request("10.0.0.5", "198.51.100.7", null), DIRECT)
                        .address())
                .isEqualTo("10.0.0.0/24");
        assertThat(ClientDevice.of(request("10.0.0.5", "evil.example, 10.1.1.1", null), BEHIND_PROXY)
                        .address())
                .as("no name is ever looked up")
                .isEqualTo("10.1.1.0/24");
    }

    @Test
    void aLongUserAgentIsCutToItsColumnWithoutSplittingACharacter() {
        String agent = "a".repeat(254) + "\uD83D\uDE00" + "tail";

        SessionDevice device = ClientDevice.of(request("203.0.113.77", null, agent), DIRECT);

        assertThat(device.userAgent()).isEqualTo("a".repeat(254));
    }

    private static HttpServletRequest request(String peer, String forwardedFor, String userAgent) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(peer);
        when(request.getHeader("X-Forwarded-For")).thenReturn(forwardedFor);
        when(request.getHeader("User-Agent")).thenReturn(userAgent);
        return request;
    }
}
