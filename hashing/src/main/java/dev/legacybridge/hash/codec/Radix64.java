package dev.legacybridge.hash.codec;

import java.util.Arrays;

/**
 * The big-endian base64 family used by stored hashes: RFC 4648 base64 with and without {@code =} padding, passlib's
 * "ab64" ({@code .} instead of {@code +}, no padding) and bcrypt's radix-64 ({@code ./A-Za-z0-9}, no padding).
 *
 * <p>Decoding is <em>canonical</em>: a string that does not re-encode to itself (unused low bits set, padding where
 * there should be none, a single dangling character) is refused. The reference libraries either compare the encoded
 * text (Django, pyca/bcrypt) or never write such strings, so accepting them could only create matches the legacy
 * application would not.
 *
 * <p>Internal to the hashing module; not an API for other modules.
 */
public final class Radix64 {

    /** RFC 4648 {@code A-Za-z0-9+/} with {@code =} padding: Django's hash field, {SSHA}. */
    public static final Radix64 STANDARD = new Radix64(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
    /** RFC 4648 without padding: PHC argon2 strings. */
    public static final Radix64 STANDARD_UNPADDED = new Radix64(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", false);
    /** passlib's "adapted base64": {@code .} for {@code +}, no padding. */
    public static final Radix64 AB64 = new Radix64(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./", false);
    /** bcrypt's radix-64: {@code ./A-Za-z0-9}, no padding. */
    public static final Radix64 BCRYPT = new Radix64(
            "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", false);

    private final char[] alphabet;
    private final byte[] values = new byte[128];
    private final boolean padded;

    private Radix64(String alphabet, boolean padded) {
        this.alphabet = alphabet.toCharArray();
        this.padded = padded;
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < 64; i++) {
            values[alphabet.charAt(i)] = (byte) i;
        }
    }

    /** Number of characters {@link #encode(byte[])} writes for {@code byteCount} bytes. */
    public int encodedLength(int byteCount) {
        return padded ? (byteCount + 2) / 3 * 4 : (byteCount * 4 + 2) / 3;
    }

    public String encode(byte[] data) {
        StringBuilder out = new StringBuilder(encodedLength(data.length));
        int i = 0;
        for (; i + 2 < data.length; i += 3) {
            int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | data[i + 2] & 0xff;
            out.append(alphabet[v >>> 18]).append(alphabet[v >>> 12 & 63]).append(alphabet[v >>> 6 & 63]).append(alphabet[v & 63]);
        }
        int rest = data.length - i;
        if (rest == 1) {
            int v = (data[i] & 0xff) << 16;
            out.append(alphabet[v >>> 18]).append(alphabet[v >>> 12 & 63]);
            if (padded) {
                out.append("==");
            }
        } else if (rest == 2) {
            int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8;
            out.append(alphabet[v >>> 18]).append(alphabet[v >>> 12 & 63]).append(alphabet[v >>> 6 & 63]);
            if (padded) {
                out.append('=');
            }
        }
        return out.toString();
    }

    /** Decodes all of {@code text}; see {@link #decode(CharSequence, int, int)}. */
    public byte[] decode(CharSequence text) {
        return decode(text, 0, text.length());
    }

    /**
     * Decodes {@code text[from, to)} canonically.
     *
     * @throws IllegalArgumentException if the text is not the canonical encoding of some byte string; the message
     *                                  never quotes the text
     */
    public byte[] decode(CharSequence text, int from, int to) {
        int len = to - from;
        int pad = 0;
        if (padded) {
            if (len % 4 != 0) {
                throw new IllegalArgumentException("base64 length is not a multiple of 4");
            }
            while (pad < 2 && len - pad > 0 && text.charAt(to - 1 - pad) == '=') {
                pad++;
            }
        }
        int chars = len - pad;
        if (chars % 4 == 1) {
            throw new IllegalArgumentException("base64 length is invalid");
        }
        byte[] out = new byte[chars * 3 / 4];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = from; i < from + chars; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? values[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("character outside the base64 alphabet");
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >>> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (acc != 0) {
            throw new IllegalArgumentException("base64 has unused bits set (not canonical)");
        }
        return out;
    }
}
