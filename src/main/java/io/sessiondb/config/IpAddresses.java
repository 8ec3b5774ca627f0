package io.sessiondb.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * IP address literals, parsed here character by character: no text, wherever it came from (a request, a
 * header, the configuration), is ever handed to the resolver, so nothing is looked up as a host name.
 * IPv4 is four decimal parts of 0 to 255 ({@code 203.0.113.7}); IPv6 is the text form of RFC 4291, with
 * {@code ::} and a trailing IPv4 part, optionally in brackets and with a zone ({@code fe80::1%eth0}), which
 * is dropped. An IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.7}) is the IPv4 address it maps, as the
 * JDK reads it.
 */
public final class IpAddresses {

    private static final int IPV6_GROUPS = 8;

    private IpAddresses() {}

    /** The address's bytes (4 or 16), or empty when the text is not an IP literal. */
    public static Optional<byte[]> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            return Optional.ofNullable(ipv4(text));
        }
        String literal = text;
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        return Optional.ofNullable(ipv6(literal));
    }

    /** Four decimal parts of 0 to 255, no sign, no leading zeros; null otherwise. */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty()
                    || part.length() > 3
                    || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** Eight groups of 1 to 4 hex digits, {@code ::} for one run of zero groups, an IPv4 tail; null otherwise. */
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head, gap < 0);
        int[] tailGroups = gap < 0 ? new int[0] : groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 ? count != IPV6_GROUPS : count > IPV6_GROUPS - 1) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(address, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(address, IPV6_GROUPS - tailGroups.length + i, tailGroups[i]);
        }
        return isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
    }

    /**
     * The 16-bit groups of a colon-separated run (empty text: none); an IPv4 part may end it when {@code
     * last}, counting as two groups. Null when any group is malformed.
     */
    private static int[] groups(String text, boolean last) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        byte[] ipv4 = null;
        int hexParts = parts.length;
        if (last && parts[parts.length - 1].indexOf('.') >= 0) {
            ipv4 = ipv4(parts[parts.length - 1]);
            if (ipv4 == null) {
                return null;
            }
            hexParts--;
        }
        if (hexParts + (ipv4 == null ? 0 : 2) > IPV6_GROUPS) {
            return null;
        }
        int[] groups = new int[hexParts + (ipv4 == null ? 0 : 2)];
        for (int i = 0; i < hexParts; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddresses::isHexDigit)) {
                return null;
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        if (ipv4 != null) {
            groups[hexParts] = (ipv4[0] & 0xff) << 8 | (ipv4[1] & 0xff);
            groups[hexParts + 1] = (ipv4[2] & 0xff) << 8 | (ipv4[3] & 0xff);
        }
        return groups;
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void put(byte[] address, int group, int value) {
        address[2 * group] = (byte) (value >>> 8);
        address[2 * group + 1] = (byte) value;
    }
}
