package io.sessiondb.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** IP address literals, read without ever looking up a name. */
public final class IpAddresses {

    private IpAddresses() {}

    /** The address's bytes (4 or 16), or empty when the text is not an IP literal. */
    public static Optional<byte[]> parse(String text) {
        boolean looksLikeIp = text != null
                && !text.isEmpty()
                && (text.contains(":") || text.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (!looksLikeIp) {
            return Optional.empty();
        }
        try {
            // a literal: getByName parses it without DNS
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
