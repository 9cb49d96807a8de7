package dev.legacybridge.hash.bcrypt;

import java.util.Arrays;

/**
 * The bcrypt function itself (Provos and Mazieres, "A Future-Adaptable Password Scheme", 1999): EksBlowfish setup
 * with {@code 2^cost} rounds of key expansion, then "OrpheanBeholderScryDoubt" encrypted 64 times.
 *
 * <p>Why not BouncyCastle's {@code BCrypt.generate}, which was the fastest Java bcrypt we measured: one Blowfish round
 * is a chain of dependent S-box lookups, so its latency is the whole cost, and BouncyCastle writes the round as
 * {@code xr ^= F(xl) ^ P[i]}. Java evaluates that as {@code xr ^ (F(xl) ^ P[i])}, which puts two XORs after the
 * lookups on the critical path; the JIT does not reassociate it (C compilers do). Written as
 * {@code (xr ^ P[i]) ^ F(xl)}, the first XOR happens while the lookups are in flight and only one remains on the
 * chain, which measured faster per bcrypt and close to pyca/bcrypt's C code (the figures are in docs/benchmarks.md,
 * "bcrypt"). The rest follows BouncyCastle's shape (state in fields, one small loop per table), which the
 * JIT compiles well; variants with the P-array in locals or with manual unrolling measured slower. Tests compare the
 * output with BouncyCastle's on random keys, salts and costs.
 *
 * <p>One instance per hash; not thread-safe, never shared.
 */
final class EksBlowfish {

    /** "OrpheanBeholderScryDoubt" as six big-endian words. */
    private static final int[] MAGIC = {0x4F727068, 0x65616E42, 0x65686F6C, 0x64657253, 0x63727944, 0x6F756274};

    private final int[] s = BlowfishPi.S.clone();
    private final int[] p = BlowfishPi.P.clone();

    private EksBlowfish() {
    }

    /**
     * Raw bcrypt.
     *
     * @param key  1..72 bytes, used cyclically (callers append the C string's NUL themselves)
     * @param salt 16 bytes
     * @param cost 4..31
     * @return 24 bytes
     */
    static byte[] bcrypt(byte[] key, byte[] salt, int cost) {
        EksBlowfish state = new EksBlowfish();
        try {
            return state.derive(key, salt, cost);
        } finally {
            Arrays.fill(state.s, 0);
            Arrays.fill(state.p, 0);
        }
    }

    private byte[] derive(byte[] key, byte[] salt, int cost) {
        int[] keyWords = cyclicWords(key);
        int[] saltWords = cyclicWords(salt); // 16 bytes: words 0..3, repeated
        try {
            expandWithSalt(keyWords, saltWords);
            long rounds = 1L << cost;
            for (long round = 0; round < rounds; round++) {
                // ExpandKey(state, 0, key); ExpandKey(state, 0, salt)
                xorIntoP(keyWords);
                encryptTable(0, 0, p);
                encryptTable(p[16], p[17], s);
                xorIntoP(saltWords);
                encryptTable(0, 0, p);
                encryptTable(p[16], p[17], s);
            }
            int[] text = MAGIC.clone();
            for (int i = 0; i < 64; i++) {
                for (int j = 0; j < 6; j += 2) {
                    long lr = encipher(text[j], text[j + 1]);
                    text[j] = (int) (lr >>> 32);
                    text[j + 1] = (int) lr;
                }
            }
            byte[] out = new byte[24];
            for (int i = 0; i < 6; i++) {
                out[4 * i] = (byte) (text[i] >>> 24);
                out[4 * i + 1] = (byte) (text[i] >>> 16);
                out[4 * i + 2] = (byte) (text[i] >>> 8);
                out[4 * i + 3] = (byte) text[i];
            }
            return out;
        } finally {
            Arrays.fill(keyWords, 0);
        }
    }

    /** ExpandKey(state, salt, key): P ^= key, then re-encrypt P and S with the salt stream folded into each block. */
    private void expandWithSalt(int[] keyWords, int[] saltWords) {
        xorIntoP(keyWords);
        int l = 0;
        int r = 0;
        int w = 0;
        for (int i = 0; i < 18 + 1024; i += 2) {
            l ^= saltWords[w & 3];
            r ^= saltWords[(w + 1) & 3];
            w += 2;
            long lr = encipher(l, r);
            l = (int) (lr >>> 32);
            r = (int) lr;
            if (i < 18) {
                p[i] = l;
                p[i + 1] = r;
            } else {
                s[i - 18] = l;
                s[i - 17] = r;
            }
        }
    }

    private void xorIntoP(int[] words) {
        for (int i = 0; i < 18; i++) {
            p[i] ^= words[i];
        }
    }

    /** Encrypts in a chain from {@code (xl, xr)}, overwriting {@code table} (P or S) two words at a time. */
    private void encryptTable(int xl, int xr, int[] table) {
        int size = table.length;
        for (int t = 0; t < size; t += 2) {
            xl ^= p[0];
            for (int i = 1; i < 16; i += 2) {
                xr = xr ^ p[i] ^ f(xl); // (xr ^ P) first: off the lookup chain
                xl = xl ^ p[i + 1] ^ f(xr);
            }
            xr ^= p[17];
            table[t] = xr;
            table[t + 1] = xl;
            xr = xl;
            xl = table[t];
        }
    }

    /** One Blowfish block; returns {@code (L << 32) | R} of the output. */
    private long encipher(int l, int r) {
        l ^= p[0];
        for (int i = 1; i < 16; i += 2) {
            r = r ^ p[i] ^ f(l);
            l = l ^ p[i + 1] ^ f(r);
        }
        r ^= p[17];
        return (long) r << 32 | (l & 0xFFFFFFFFL);
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[256 + ((x >>> 16) & 0xFF)]) ^ s[512 + ((x >>> 8) & 0xFF)]) + s[768 + (x & 0xFF)];
    }

    /** The 18 words of {@code bytes} read as a cyclic big-endian stream (OpenBSD's {@code Blowfish_stream2word}). */
    private static int[] cyclicWords(byte[] bytes) {
        int[] words = new int[18];
        int j = 0;
        for (int i = 0; i < 18; i++) {
            int word = 0;
            for (int k = 0; k < 4; k++) {
                word = word << 8 | bytes[j] & 0xFF;
                j = j + 1 == bytes.length ? 0 : j + 1;
            }
            words[i] = word;
        }
        return words;
    }
}
