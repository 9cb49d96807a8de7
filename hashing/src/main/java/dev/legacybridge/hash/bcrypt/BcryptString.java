package dev.legacybridge.hash.bcrypt;

import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;

/**
 * A parsed modular-crypt bcrypt string, the 60-character format every bcrypt library writes and the payload of
 * Django's {@code bcrypt$} and {@code bcrypt_sha256$} formats.
 *
 * <pre>
 * $2b$12$GiT4irjyOQK17GBgqhonJeAsbCyyyVMMHp.NvMQxnF9DZlsG69YSe
 * |  |  |                     |
 * |  |  |                     31 chars: 23-byte digest, bcrypt radix-64 (./A-Za-z0-9)
 * |  |  22 chars: 16-byte salt, bcrypt radix-64
 * |  cost: two digits, 04-31, log2 of the rounds
 * variant: 2a, 2b or 2y (verified identically; see {@link Bcrypt})
 * </pre>
 *
 * <p>Both radix-64 fields must be canonical (unused low bits zero), as pyca/bcrypt re-encodes them when it compares:
 * a non-canonical string can never match there.
 *
 * @param variant {@code 'a'}, {@code 'b'} or {@code 'y'}
 * @param cost    4..31
 * @param salt    16 bytes
 * @param digest  23 bytes
 */
public record BcryptString(char variant, int cost, byte[] salt, byte[] digest) {

    /** Length of a complete string. */
    public static final int LENGTH = 60;

    /** Whether {@code text} starts with {@code $2a$}, {@code $2b$} or {@code $2y$} at {@code offset}. */
    public static boolean hasPrefix(String text, int offset) {
        return text.length() >= offset + 4 && text.charAt(offset) == '$' && text.charAt(offset + 1) == '2'
                && isVariant(text.charAt(offset + 2)) && text.charAt(offset + 3) == '$';
    }

    private static boolean isVariant(char c) {
        return c == 'a' || c == 'b' || c == 'y';
    }

    /**
     * Parses {@code text} from {@code offset} to its end, which must be exactly one bcrypt string.
     *
     * @throws MalformedHashException on any deviation; the message never quotes the text
     */
    public static BcryptString parse(String text, int offset) throws MalformedHashException {
        if (!hasPrefix(text, offset)) {
            throw new MalformedHashException("bcrypt variant must be $2a$, $2b$ or $2y$");
        }
        int len = text.length() - offset;
        if (len != LENGTH) {
            throw new MalformedHashException(len < LENGTH ? "bcrypt string truncated" : "bcrypt string has trailing data");
        }
        char c1 = text.charAt(offset + 4);
        char c2 = text.charAt(offset + 5);
        if (c1 < '0' || c1 > '9' || c2 < '0' || c2 > '9' || text.charAt(offset + 6) != '$') {
            throw new MalformedHashException("bcrypt cost must be two digits");
        }
        int cost = (c1 - '0') * 10 + (c2 - '0');
        if (cost < 4 || cost > 31) {
            throw new MalformedHashException("bcrypt cost " + cost + " outside 4-31");
        }
        byte[] salt;
        byte[] digest;
        try {
            salt = Radix64.BCRYPT.decode(text, offset + 7, offset + 29);
            digest = Radix64.BCRYPT.decode(text, offset + 29, offset + 60);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("bcrypt salt or digest: " + e.getMessage());
        }
        return new BcryptString(text.charAt(offset + 2), cost, salt, digest);
    }

    /** Checks a prepared key (raw password, or a pre-hash for the wrapped formats) against this string. */
    public boolean matches(byte[] key) {
        if (!Bcrypt.acceptsPassword(key)) {
            return false;
        }
        return Digests.constantTimeEquals(digest, Bcrypt.digest(key, salt, cost));
    }

    /** Formats {@code $2<variant>$<cost>$<salt><digest>}. */
    public static String format(char variant, int cost, byte[] salt, byte[] digest) {
        return "$2" + variant + "$" + (cost < 10 ? "0" : "") + cost + "$" + Radix64.BCRYPT.encode(salt)
                + Radix64.BCRYPT.encode(digest);
    }
}
