package dev.legacybridge.store.jdbc;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of the operator's allowed hosts: an exact host name or address ({@code legacy-db.internal},
 * {@code 10.0.4.7}), a name suffix ({@code *.db.internal}: any host one or more labels below it), or an address block
 * in CIDR notation ({@code 10.0.0.0/16}, {@code fd00::/8}) that matches IP addresses written in the URL.
 *
 * <p>Host names are compared as written in the URL, never resolved: what the operator allows is what the admin may
 * type, and the operator's DNS decides where a name leads.
 */
public record HostPattern(String pattern, Kind kind, String value, BigInteger network, int prefixBits, int addressBits) {

    enum Kind { EXACT, SUFFIX, CIDR }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*");

    /** @throws IllegalArgumentException with a message for the operator */
    static HostPattern parse(String text) {
        String p = text.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("[") && p.endsWith("]")) {
            p = p.substring(1, p.length() - 1);
        }
        int slash = p.indexOf('/');
        if (slash >= 0) {
            String address = p.substring(0, slash);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            int bits;
            try {
                bits = Integer.parseInt(p.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("allowed host '" + text + "': the prefix length after / is not a number");
            }
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("allowed host '" + text + "': CIDR blocks need an IP address before /");
            }
            int addressBits = bytes.length * 8;
            if (bits < 0 || bits > addressBits) {
                throw new IllegalArgumentException("allowed host '" + text + "': prefix length must be 0.." + addressBits);
            }
            return new HostPattern(text.trim(), Kind.CIDR, null, prefix(bytes, bits), bits, addressBits);
        }
        if (p.startsWith("*.")) {
            String suffix = p.substring(2);
            if (!NAME.matcher(suffix).matches()) {
                throw new IllegalArgumentException("allowed host '" + text + "' is not *. followed by a host name");
            }
            return new HostPattern(text.trim(), Kind.SUFFIX, "." + suffix, null, 0, 0);
        }
        if (literal(p) != null) {
            return new HostPattern(text.trim(), Kind.EXACT, canonical(p), null, 0, 0);
        }
        if (!NAME.matcher(p).matches()) {
            throw new IllegalArgumentException("allowed host '" + text + "' is not a host name, an IP address, *.domain "
                    + "or an address/prefix block");
        }
        return new HostPattern(text.trim(), Kind.EXACT, p, null, 0, 0);
    }

    /** Whether {@code host} (as written in a URL, brackets of IPv6 literals removed) is allowed by this entry. */
    boolean matches(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case EXACT -> value.equals(literal(h) != null ? canonical(h) : h);
            case SUFFIX -> h.endsWith(value) && h.length() > value.length();
            case CIDR -> {
                byte[] bytes = literal(h);
                yield bytes != null && bytes.length * 8 == addressBits && prefix(bytes, prefixBits).equals(network);
            }
        };
    }

    /** The bytes of an IP address literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text.isEmpty() || !IP_LITERAL.matcher(text).matches()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    return null;
                }
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        try {
            // With a ':' in it, the JDK parses an IPv6 literal and never asks DNS.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static String canonical(String literal) {
        try {
            return InetAddress.getByAddress(literal(literal)).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }

    private static BigInteger prefix(byte[] address, int bits) {
        BigInteger value = new BigInteger(1, address);
        int shift = address.length * 8 - bits;
        return value.shiftRight(shift);
    }
}
