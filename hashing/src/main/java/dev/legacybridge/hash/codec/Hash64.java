package dev.legacybridge.hash.codec;

import java.util.Arrays;

/**
 * The little-endian base64 of the crypt family ("hash64" in passlib): alphabet {@code ./0-9A-Za-z}, three bytes per
 * four characters taken least significant bits first, no padding. phpass ({@code encode64}), Drupal 7
 * ({@code _password_base64_encode}) and yescrypt ({@code encode64}/{@code decode64}) use exactly this; MD5-crypt and
 * SHA-crypt use the same alphabet with their own byte orders.
 *
 * <p>Decoding is canonical: a last group whose unused high bits are set is refused, since the reference
 * implementations compare the text they re-encode and such a value can never match there.
 *
 * <p>Internal to the hashing module.
 */
public final class Hash64 {

    public static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 64; i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Hash64() {
    }

    /** The value of an alphabet character, or -1. */
    public static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    /** Whether every character of {@code text[from, to)} is in the alphabet. */
    public static boolean inAlphabet(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Characters {@link #encode(byte[])} writes for {@code n} bytes: {@code ceil(8 n / 6)}. */
    public static int encodedLength(int n) {
        return (n * 8 + 5) / 6;
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder(encodedLength(data.length));
        for (int i = 0; i < data.length; i += 3) {
            int value = data[i] & 0xff;
            int bits = 8;
            if (i + 1 < data.length) {
                value |= (data[i + 1] & 0xff) << 8;
                bits += 8;
            }
            if (i + 2 < data.length) {
                value |= (data[i + 2] & 0xff) << 16;
                bits += 8;
            }
            for (int b = 0; b < bits; b += 6) {
                out.append(ALPHABET.charAt(value & 0x3f));
                value >>>= 6;
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code text[from, to)} canonically.
     *
     * @throws IllegalArgumentException for a character outside the alphabet, a dangling single character, or unused
     *                                  bits set in the last group; the message never quotes the text
     */
    public static byte[] decode(CharSequence text, int from, int to) {
        int len = to - from;
        if (len % 4 == 1) {
            throw new IllegalArgumentException("hash64 length is invalid");
        }
        byte[] out = new byte[len / 4 * 3 + Math.max(0, len % 4 - 1)];
        int o = 0;
        for (int i = from; i < to; i += 4) {
            int chars = Math.min(4, to - i);
            int value = 0;
            for (int k = 0; k < chars; k++) {
                int v = value(text.charAt(i + k));
                if (v < 0) {
                    throw new IllegalArgumentException("character outside the hash64 alphabet");
                }
                value |= v << (6 * k);
            }
            int bytes = chars - 1;
            for (int k = 0; k < bytes; k++) {
                out[o++] = (byte) (value >>> (8 * k));
            }
            if ((value >>> (8 * bytes)) != 0) {
                throw new IllegalArgumentException("hash64 has unused bits set (not canonical)");
            }
        }
        return out;
    }
}
