package dev.legacybridge.hash.codec;

/**
 * Lower-case hexadecimal, the only case Python's {@code hexdigest()} and {@code bytes.hex()} write. Django and
 * Werkzeug compare the hex text, so an upper-case digest can never match there and is refused here.
 *
 * <p>Internal to the hashing module.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] data) {
        char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = DIGITS[(data[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[data[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes {@code text[from, to)}, which must be exactly {@code byteCount * 2} lower-case hex digits.
     *
     * @throws IllegalArgumentException otherwise (the message never quotes the text)
     */
    public static byte[] decode(CharSequence text, int from, int to, int byteCount) {
        if (to - from != byteCount * 2) {
            throw new IllegalArgumentException("hex digest must be " + byteCount * 2 + " characters");
        }
        byte[] out = new byte[byteCount];
        for (int i = 0; i < byteCount; i++) {
            out[i] = (byte) (digit(text.charAt(from + 2 * i)) << 4 | digit(text.charAt(from + 2 * i + 1)));
        }
        return out;
    }

    /** Whether {@code text} is exactly {@code length} lower-case hex digits. */
    public static boolean isLowerHex(CharSequence text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new IllegalArgumentException("hex digest must be lower-case hexadecimal");
    }
}
