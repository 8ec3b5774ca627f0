package io.sessiondb.servlet;

import io.sessiondb.config.CookieSettings;
import io.sessiondb.config.IpAddresses;
import io.sessiondb.store.SessionDevice;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The device a request comes from, as a session records it when created: the user agent, and the client's
 * network rather than its address (the /24 of IPv4, the /48 of IPv6), enough to tell "home" from "abroad"
 * and not enough to single out a household.
 */
public final class ClientDevice {

    private ClientDevice() {}

    static SessionDevice of(HttpServletRequest request, CookieSettings settings) {
        return new SessionDevice(
                request.getHeader("User-Agent"),
                clientAddress(request, settings).map(ClientDevice::network).orElse(null));
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address in {@code
     * X-Forwarded-For} that is not one (a client can write anything to the left of what its proxies added).
     */
    public static Optional<byte[]> clientAddress(HttpServletRequest request, CookieSettings settings) {
        String peer = request.getRemoteAddr();
        Optional<byte[]> client = IpAddresses.parse(peer);
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor == null || !settings.isTrustedProxy(peer)) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int hop = hops.length - 1; hop >= 0; hop--) {
            String address = hops[hop].strip();
            Optional<byte[]> parsed = IpAddresses.parse(address);
            if (parsed.isEmpty()) {
                return client; // not an address: nothing further left is believable
            }
            client = parsed;
            if (!settings.isTrustedProxy(address)) {
                break;
            }
        }
        return client;
    }

    /** {@code 203.0.113.0/24} or {@code 2001:db8:1234::/48}. */
    static String network(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + ".0/24";
        }
        return Integer.toHexString(group(address, 0)) + ":" + Integer.toHexString(group(address, 1)) + ":"
                + Integer.toHexString(group(address, 2)) + "::/48";
    }

    private static int group(byte[] address, int index) {
        return (address[2 * index] & 0xff) << 8 | (address[2 * index + 1] & 0xff);
    }
}
