package dev.legacybridge.hash;

/**
 * Strict UTF-8 encoding of candidate passwords, exactly as Python's {@code str.encode()} does it: no Unicode
 * normalisation (NFC and NFD spellings of a word are different passwords), and an unpaired surrogate is an error
 * rather than a silent {@code ?} (which {@link String#getBytes(java.nio.charset.Charset)} would produce, letting
 * {@code "\uD800"} match the password {@code "?"}).
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The UTF-8 bytes of {@code text}, or {@code null} if it contains an unpaired surrogate or encodes to more than
     * {@code maxBytes} bytes.
     */
    static byte[] encode(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return null; // every char is at least one byte
        }
        byte[] buf = new byte[Math.min(maxBytes, text.length() * 3)];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return wipe(buf);
                }
                cp = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return wipe(buf);
            }
            int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n + need > buf.length) {
                return wipe(buf);
            }
            switch (need) {
                case 1 -> buf[n++] = (byte) cp;
                case 2 -> {
                    buf[n++] = (byte) (0xC0 | cp >> 6);
                    buf[n++] = (byte) (0x80 | cp & 0x3F);
                }
                case 3 -> {
                    buf[n++] = (byte) (0xE0 | cp >> 12);
                    buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buf[n++] = (byte) (0x80 | cp & 0x3F);
                }
                default -> {
                    buf[n++] = (byte) (0xF0 | cp >> 18);
                    buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    buf[n++] = (byte) (0x80 | cp & 0x3F);
                }
            }
        }
        byte[] out = java.util.Arrays.copyOf(buf, n);
        wipe(buf);
        return out;
    }

    private static byte[] wipe(byte[] buf) {
        java.util.Arrays.fill(buf, (byte) 0);
        return null;
    }
}
