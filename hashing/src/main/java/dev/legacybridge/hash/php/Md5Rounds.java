package dev.legacybridge.hash.php;

/**
 * phpass's loop, {@code h = md5(h . password)} repeated {@code 2^count} times, for passwords of at most 39 bytes, where
 * {@code h . password} and MD5's padding fit one 64-byte block.
 *
 * <p>Why not {@link java.security.MessageDigest}: every round hashes one block whose last 48 bytes (the password, the
 * padding and the length) never change, and whose first 16 bytes are the previous round's output, already in the
 * little-endian words MD5 reads. Kept as ints, a round is MD5's 64 steps and nothing else: no buffer copies, no padding,
 * no byte conversion, no allocation. Measured against {@code MessageDigest} (JDK MD5 intrinsic) and PHP's own loop in
 * {@code docs/benchmarks.md}. {@code PhpassFastPathTest} checks it against {@code MessageDigest} on every length.
 *
 * <p>Internal to the hashing module.
 */
final class Md5Rounds {

    /** Longest password the single-block path takes: 16 + 39 + 1 + 8 = 64 bytes. */
    static final int MAX_PASSWORD_BYTES = 39;

    private static final int[] K = new int[64];
    private static final int[] S = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14,
        20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

    static {
        for (int i = 0; i < 64; i++) {
            K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
        }
    }

    private Md5Rounds() {
    }

    /**
     * @param first    {@code md5(salt . password)}, 16 bytes
     * @param password at most {@value #MAX_PASSWORD_BYTES} bytes
     * @return the digest after {@code rounds} more rounds
     */
    static byte[] iterate(byte[] first, byte[] password, long rounds) {
        byte[] tail = new byte[48];
        System.arraycopy(password, 0, tail, 0, password.length);
        tail[password.length] = (byte) 0x80;
        long bits = (16L + password.length) * 8;
        for (int i = 0; i < 8; i++) {
            tail[40 + i] = (byte) (bits >>> (8 * i));
        }
        int[] m = new int[16];
        for (int i = 0; i < 12; i++) {
            m[4 + i] = le32(tail, 4 * i);
        }
        int h0 = le32(first, 0);
        int h1 = le32(first, 4);
        int h2 = le32(first, 8);
        int h3 = le32(first, 12);
        for (long r = 0; r < rounds; r++) {
            m[0] = h0;
            m[1] = h1;
            m[2] = h2;
            m[3] = h3;
            int a = 0x67452301;
            int b = 0xefcdab89;
            int c = 0x98badcfe;
            int d = 0x10325476;
            for (int i = 0; i < 64; i++) {
                int f;
                int g;
                if (i < 16) {
                    f = (b & c) | (~b & d);
                    g = i;
                } else if (i < 32) {
                    f = (d & b) | (~d & c);
                    g = (5 * i + 1) & 15;
                } else if (i < 48) {
                    f = b ^ c ^ d;
                    g = (3 * i + 5) & 15;
                } else {
                    f = c ^ (b | ~d);
                    g = (7 * i) & 15;
                }
                int t = d;
                d = c;
                c = b;
                b = b + Integer.rotateLeft(a + f + K[i] + m[g], S[i]);
                a = t;
            }
            h0 = 0x67452301 + a;
            h1 = 0xefcdab89 + b;
            h2 = 0x98badcfe + c;
            h3 = 0x10325476 + d;
        }
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(tail, (byte) 0);
        byte[] out = new byte[16];
        le32(out, 0, h0);
        le32(out, 4, h1);
        le32(out, 8, h2);
        le32(out, 12, h3);
        return out;
    }

    private static int le32(byte[] b, int off) {
        return b[off] & 0xff | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void le32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
