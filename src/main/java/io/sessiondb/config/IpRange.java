package io.sessiondb.config;

/** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is one host. */
final class IpRange {

    private final byte[] network;
    private final int prefixBits;

    private IpRange(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /**
     * @throws IllegalArgumentException when the text is not an IP address with an optional prefix length
     */
    static IpRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash), cidr);
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
            }
        }
        return new IpRange(address, bits);
    }

    boolean contains(String address) {
        byte[] candidate;
        try {
            candidate = literal(address, address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixBits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String text, String original) {
        return IpAddresses.parse(text)
                .orElseThrow(
                        () -> new IllegalArgumentException("'" + original + "' is not an IP address or CIDR range"));
    }
}
