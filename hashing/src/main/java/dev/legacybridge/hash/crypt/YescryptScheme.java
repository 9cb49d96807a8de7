package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hash64;
import dev.legacybridge.hash.kdf.Digests;

import java.util.Arrays;

/**
 * yescrypt {@code $y$} ({@value SchemeIds#YESCRYPT}) as libxcrypt's {@code crypt(3)} writes it: the default password
 * hash of Debian 11+, Ubuntu 22.04+ and Fedora 35+ ({@code /etc/shadow}, {@code mkpasswd}).
 *
 * <pre>
 * $y$j9T$WjrfUUMmnvNYpesF1pKi/0$swljovHzp8amUKjHNXF8ObG5MiEdXLkDAV2yrpIkNB.
 * |  |||  |                      |
 * |  |||  |                      43 characters: the 32-byte result, hash64 (little-endian ./0-9A-Za-z)
 * |  |||  salt: hash64 of up to 64 bytes, decoded before use
 * |  ||r: 'T' = 32 (variable-length number, minimum 1)
 * |  |N: log2 N - 1, '9' = 2^12
 * |  flavour: 'j' = YESCRYPT_DEFAULTS (RW, pwxform 6 rounds, 4 gather, 2 simple, 12 KiB S-boxes); '.' = classic scrypt
 * $y$
 * </pre>
 *
 * <p>After r, an optional "have" number announces p (minimum 2), t, g and NROM. {@code g} (hash upgrades) and
 * {@code NROM} (a ROM) make libxcrypt fail, and are malformed here. Parameters are decoded as yescrypt's
 * {@code yescrypt_r} decodes them; the digest must be the canonical encoding of 32 bytes. A password containing NUL
 * never matches (crypt(3) stops at the NUL). Example: the password {@code password} and the string above match.
 */
public final class YescryptScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.YESCRYPT, "$y$", false, false,
            "yescrypt (libxcrypt crypt(3): Debian 11+, Ubuntu 22.04+, Fedora 35+ /etc/shadow)");
    private static final int DIGEST_CHARS = 43;
    private static final int MAX_SALT_BYTES = 64;
    /** YESCRYPT_RW_FLAVOR_MASK >> 2 added to YESCRYPT_RW: the largest flavour number yescrypt_r accepts. */
    private static final int FLAVOR_DEFAULTS = Yescrypt.RW + (Yescrypt.DEFAULTS >> 2);

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("$y$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        int[] pos = {3};
        long flavor = number(stored, pos, 0, "flavour");
        int flags;
        if (flavor == 0) {
            flags = 0;
        } else if (flavor == FLAVOR_DEFAULTS) {
            flags = Yescrypt.DEFAULTS;
        } else {
            throw new MalformedHashException("yescrypt flavour " + flavor
                    + " is not supported (only YESCRYPT_DEFAULTS 'j' and classic scrypt '.')");
        }
        long nLog2 = number(stored, pos, 1, "N");
        if (nLog2 > 63) {
            throw new MalformedHashException("yescrypt N above 2^63");
        }
        long r = number(stored, pos, 1, "r");
        long p = 1;
        long t = 0;
        if (pos[0] < stored.length() && stored.charAt(pos[0]) != '$') {
            long have = number(stored, pos, 1, "have");
            if ((have & ~0xfL) != 0) {
                throw new MalformedHashException("yescrypt parameters announce unknown fields");
            }
            if ((have & 1) != 0) {
                p = number(stored, pos, 2, "p");
            }
            if ((have & 2) != 0) {
                t = number(stored, pos, 1, "t");
            }
            if ((have & 4) != 0) {
                throw new MalformedHashException("yescrypt g (hash upgrades) is not supported by libxcrypt");
            }
            if ((have & 8) != 0) {
                throw new MalformedHashException("yescrypt NROM (a ROM) is not supported by crypt(3)");
            }
        }
        if (pos[0] >= stored.length() || stored.charAt(pos[0]) != '$') {
            throw new MalformedHashException("yescrypt parameters must end with $");
        }
        int saltStart = pos[0] + 1;
        int lastDollar = stored.lastIndexOf('$');
        if (lastDollar < saltStart) {
            throw new MalformedHashException("yescrypt string truncated");
        }
        if (stored.length() - lastDollar - 1 != DIGEST_CHARS) {
            throw new MalformedHashException("yescrypt digest must be 43 characters");
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Hash64.decode(stored, saltStart, lastDollar);
            expected = Hash64.decode(stored, lastDollar + 1, stored.length());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("yescrypt salt or digest: " + e.getMessage());
        }
        if (salt.length > MAX_SALT_BYTES) {
            throw new MalformedHashException("yescrypt salt longer than 64 bytes");
        }
        if (r > Integer.MAX_VALUE || p > Integer.MAX_VALUE || t > Integer.MAX_VALUE) {
            throw MalformedHashException.absurdCost("yescrypt r, p or t above " + Integer.MAX_VALUE);
        }
        long n = 1L << nLog2;
        if (n <= 1 || r * p >= 1L << 30 || (flags & Yescrypt.RW) != 0 && n / p <= 1 || flags == 0 && t != 0) {
            throw new MalformedHashException("yescrypt parameters N=2^" + nLog2 + " r=" + r + " p=" + p + " t=" + t
                    + " are invalid");
        }
        HashCost cost = new HashCost.Yescrypt(n, (int) r, (int) p, (int) t);
        int ri = (int) r;
        int pi = (int) p;
        int ti = (int) t;
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return cost;
            }

            @Override
            public boolean matches(byte[] password) {
                if (Md5CryptScheme.containsNul(password)) {
                    return false;
                }
                byte[] computed = Yescrypt.kdf(password, salt, n, ri, pi, ti, flags);
                try {
                    return Digests.constantTimeEquals(expected, computed);
                } finally {
                    Arrays.fill(computed, (byte) 0);
                }
            }
        };
    }

    /**
     * yescrypt's {@code decode64_uint32}: a variable-length number whose first character also says how many more
     * follow. Values that do not fit 32 bits are refused as yescrypt refuses them.
     */
    private static long number(String s, int[] pos, long min, String what) throws MalformedHashException {
        if (pos[0] >= s.length()) {
            throw new MalformedHashException("yescrypt " + what + " is missing");
        }
        int c = Hash64.value(s.charAt(pos[0]++));
        if (c < 0) {
            throw new MalformedHashException("yescrypt " + what + " is not in ./0-9A-Za-z");
        }
        long value = min;
        long start = 0;
        long end = 47;
        int chars = 1;
        int bits = 0;
        while (c > end) {
            value += (end + 1 - start) << bits;
            start = end + 1;
            end = start + (62 - end) / 2;
            chars++;
            bits += 6;
        }
        value += (c - start) << bits;
        while (--chars > 0) {
            if (pos[0] >= s.length()) {
                throw new MalformedHashException("yescrypt " + what + " is truncated");
            }
            int d = Hash64.value(s.charAt(pos[0]++));
            if (d < 0) {
                throw new MalformedHashException("yescrypt " + what + " is not in ./0-9A-Za-z");
            }
            bits -= 6;
            value += (long) d << bits;
        }
        if (value > 0xffffffffL) {
            throw new MalformedHashException("yescrypt " + what + " does not fit 32 bits");
        }
        return value;
    }
}
