package dev.legacybridge.hash.crypt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

/**
 * yescrypt 1.1 ({@code yescrypt_kdf}), translated from the reference implementation {@code yescrypt-ref.c}
 * (openwall/yescrypt, the same algorithm as libxcrypt's {@code alg-yescrypt-opt.c}), for the two flavours that
 * {@code $y$} hashes use: {@link #DEFAULTS} (YESCRYPT_RW with the standard pwxform settings, the only flavour libxcrypt
 * writes) and classic scrypt ({@code flags == 0}). No ROM ({@code NROM}) and no hash upgrades ({@code g}).
 *
 * <p>The 32-bit words are kept in the reference's "SIMD-shuffled" order inside the mixing functions, because pwxform
 * reads consecutive words of that layout as 64-bit lanes; the translation therefore follows the reference line by
 * line rather than the scrypt specification. {@code YescryptTest} checks it against libxcrypt's output.
 *
 * <p>Internal to the hashing module.
 */
final class Yescrypt {

    static final int RW = 0x002;
    /** YESCRYPT_RW | ROUNDS_6 | GATHER_4 | SIMPLE_2 | SBOX_12K: libxcrypt's flavour 'j'. */
    static final int DEFAULTS = 0x0b6;
    private static final int PREHASH = 0x10000000;

    private static final int PWX_SIMPLE = 2;
    private static final int PWX_GATHER = 4;
    private static final int PWX_ROUNDS = 6;
    private static final int S_WIDTH = 8;
    private static final int PWX_WORDS = PWX_GATHER * PWX_SIMPLE * 2;
    /** 3 S-boxes of 256 entries of PWX_SIMPLE 64-bit words: 12 KiB. */
    private static final int S_WORDS = 3 * (1 << S_WIDTH) * PWX_SIMPLE * 2;
    /** Byte offset mask into an S-box, a multiple of PWX_SIMPLE * 8. */
    private static final int S_MASK = ((1 << S_WIDTH) - 1) * PWX_SIMPLE * 8;

    private Yescrypt() {
    }

    /**
     * {@code yescrypt_kdf} with {@code buflen} 32.
     *
     * @param flags {@link #DEFAULTS} or 0 (classic scrypt)
     * @param n     a power of two above 1
     */
    static byte[] kdf(byte[] password, byte[] salt, long n, int r, int p, int t, int flags) {
        byte[] passwd = password;
        if ((flags & RW) != 0 && p >= 1 && n / p >= 0x100 && n / p * r >= 0x20000) {
            passwd = kdfBody(password, salt, flags | PREHASH, n >> 6, r, p, 0);
        }
        return kdfBody(passwd, salt, flags, n, r, p, t);
    }

    private static byte[] kdfBody(byte[] password, byte[] salt, int flags, long n, int r, int p, int t) {
        byte[] passwd = password;
        if (flags != 0) {
            byte[] key = ((flags & PREHASH) != 0 ? "yescrypt-prehash" : "yescrypt").getBytes(StandardCharsets.US_ASCII);
            passwd = hmacSha256(key, password);
        }
        int s = 32 * r;
        byte[] bBytes = Pbkdf2.derive(Pbkdf2.Prf.SHA256, passwd, salt, 1, 128 * r * p);
        int[] b = new int[s * p];
        for (int i = 0; i < b.length; i++) {
            b[i] = le32(bBytes, 4 * i);
        }
        if (flags != 0) {
            passwd = Arrays.copyOf(bBytes, 32);
        }
        int[] v = new int[Math.toIntExact(s * n)];
        int[] xy = new int[2 * s];
        if ((flags & RW) != 0) {
            passwd = smix(b, r, n, p, t, flags, v, xy, passwd);
        } else {
            for (int i = 0; i < p; i++) {
                int[] bi = Arrays.copyOfRange(b, i * s, (i + 1) * s);
                smix(bi, r, n, 1, t, flags, v, xy, null);
                System.arraycopy(bi, 0, b, i * s, s);
            }
        }
        byte[] bOut = new byte[4 * b.length];
        for (int i = 0; i < b.length; i++) {
            le32(bOut, 4 * i, b[i]);
        }
        byte[] dk = Pbkdf2.derive(Pbkdf2.Prf.SHA256, passwd, bOut, 1, 32);
        if (flags != 0 && (flags & PREHASH) == 0) {
            byte[] clientKey = hmacSha256(dk, "Client Key".getBytes(StandardCharsets.US_ASCII));
            MessageDigest sha256 = Digests.get("SHA-256");
            dk = sha256.digest(clientKey);
        }
        return dk;
    }

    /** The pwxform S-boxes and write pointer of one lane; the roles of the three boxes rotate after each call. */
    private static final class Pwxform {
        /** The three S-boxes, one 64-bit entry per long (the reference's pairs of 32-bit words, low word first). */
        final long[] s = new long[S_WORDS / 2];
        /** Scratch: the pwxform block as PWX_GATHER x PWX_SIMPLE 64-bit lanes, so the hot loop allocates nothing. */
        final long[] x = new long[PWX_WORDS / 2];
        /** Box offsets in {@link #s} (in longs) and the write position in S2. */
        int s0;
        int s1;
        int s2;
        int w;
    }

    /** Returns the (possibly re-keyed) password buffer. */
    private static byte[] smix(int[] b, int r, long n, int p, int t, int flags, int[] v, int[] xy, byte[] passwd) {
        int s = 32 * r;
        long nChunk = n / p;
        long nLoopAll = nChunk;
        if ((flags & RW) != 0) {
            if (t <= 1) {
                if (t != 0) {
                    nLoopAll *= 2;
                }
                nLoopAll = (nLoopAll + 2) / 3;
            } else {
                nLoopAll *= t - 1;
            }
        } else if (t != 0) {
            if (t == 1) {
                nLoopAll += (nLoopAll + 1) / 2;
            }
            nLoopAll *= t;
        }
        long nLoopRw = (flags & RW) != 0 ? nLoopAll / p : 0;
        nChunk &= ~1L;
        nLoopAll = (nLoopAll + 1) & ~1L;
        nLoopRw = (nLoopRw + 1) & ~1L;

        Pwxform[] ctx = (flags & RW) != 0 ? new Pwxform[p] : null;
        int[] bp = new int[s];
        long vChunk = 0;
        for (int i = 0; i < p; i++, vChunk += nChunk) {
            long np = i < p - 1 ? nChunk : n - vChunk;
            System.arraycopy(b, i * s, bp, 0, s);
            int vOffset = Math.toIntExact(vChunk * s);
            Pwxform ctxI = null;
            if (ctx != null) {
                ctxI = ctx[i] = new Pwxform();
                int[] sWords = new int[S_WORDS];
                smix1(bp, 1, S_WORDS / 32, 0, sWords, 0, xy, null);
                for (int k = 0; k < ctxI.s.length; k++) {
                    ctxI.s[k] = (sWords[2 * k + 1] & 0xffffffffL) << 32 | sWords[2 * k] & 0xffffffffL;
                }
                ctxI.s2 = 0;
                ctxI.s1 = (1 << S_WIDTH) * PWX_SIMPLE;
                ctxI.s0 = 2 * ctxI.s1;
                ctxI.w = 0;
                if (i == 0) {
                    byte[] key = new byte[64];
                    for (int k = 0; k < 16; k++) {
                        le32(key, 4 * k, bp[s - 16 + k]);
                    }
                    passwd = hmacSha256(key, passwd);
                }
            }
            smix1(bp, r, np, flags, v, vOffset, xy, ctxI);
            smix2(bp, r, Long.highestOneBit(np), nLoopRw, flags, v, vOffset, xy, ctxI);
            System.arraycopy(bp, 0, b, i * s, s);
        }
        for (int i = 0; i < p; i++) {
            System.arraycopy(b, i * s, bp, 0, s);
            smix2(bp, r, n, nLoopAll - nLoopRw, flags & ~RW, v, 0, xy, ctx != null ? ctx[i] : null);
            System.arraycopy(bp, 0, b, i * s, s);
        }
        return passwd;
    }

    private static void smix1(int[] b, int r, long n, int flags, int[] v, int vOffset, int[] xy, Pwxform ctx) {
        int s = 32 * r;
        int[] x = xy;
        shuffle(b, x, r);
        for (long i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, Math.toIntExact(vOffset + i * s), s);
            if ((flags & RW) != 0 && i > 1) {
                long j = wrap(integerify(x, r), i);
                xor(x, v, Math.toIntExact(vOffset + j * s), s);
            }
            blockmix(x, r, ctx);
        }
        unshuffle(x, b, r);
    }

    private static void smix2(int[] b, int r, long n, long nLoop, int flags, int[] v, int vOffset, int[] xy,
                              Pwxform ctx) {
        int s = 32 * r;
        int[] x = xy;
        shuffle(b, x, r);
        for (long i = 0; i < nLoop; i++) {
            long j = integerify(x, r) & (n - 1);
            int vj = Math.toIntExact(vOffset + j * s);
            xor(x, v, vj, s);
            if ((flags & RW) != 0) {
                System.arraycopy(x, 0, v, vj, s);
            }
            blockmix(x, r, ctx);
        }
        unshuffle(x, b, r);
    }

    private static void blockmix(int[] x, int r, Pwxform ctx) {
        if (ctx != null) {
            blockmixPwxform(x, r, ctx);
        } else {
            blockmixSalsa8(x, r);
        }
    }

    /** X[k*16+i] = B[k*16 + i*5 % 16]: the reference's SIMD shuffle, within each 64-byte block. */
    private static void shuffle(int[] b, int[] x, int r) {
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                x[k * 16 + i] = b[k * 16 + (i * 5 % 16)];
            }
        }
    }

    private static void unshuffle(int[] x, int[] b, int r) {
        for (int k = 0; k < 2 * r; k++) {
            for (int i = 0; i < 16; i++) {
                b[k * 16 + (i * 5 % 16)] = x[k * 16 + i];
            }
        }
    }

    private static long integerify(int[] x, int r) {
        int base = (2 * r - 1) * 16;
        return (x[base + 13] & 0xffffffffL) << 32 | x[base] & 0xffffffffL;
    }

    private static long wrap(long x, long i) {
        long n = Long.highestOneBit(i);
        return (x & (n - 1)) + (i - n);
    }

    private static void xor(int[] dst, int[] src, int srcOffset, int count) {
        for (int i = 0; i < count; i++) {
            dst[i] ^= src[srcOffset + i];
        }
    }

    private static void blockmixSalsa8(int[] b, int r) {
        int[] x = Arrays.copyOfRange(b, (2 * r - 1) * 16, 2 * r * 16);
        int[] y = new int[32 * r];
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                x[k] ^= b[i * 16 + k];
            }
            salsa20(x, 0, 8);
            System.arraycopy(x, 0, y, i * 16, 16);
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(y, i * 2 * 16, b, i * 16, 16);
            System.arraycopy(y, (i * 2 + 1) * 16, b, (i + r) * 16, 16);
        }
    }

    /**
     * BlockMix_pwxform: the block is handled as 64-bit lanes (pairs of the shuffled 32-bit words, low word first), the
     * form pwxform computes in, so its 6 x 4 x 2 multiply-add-lookup steps run on longs without repacking.
     */
    private static void blockmixPwxform(int[] b, int r, Pwxform ctx) {
        int r1 = 128 * r / (PWX_WORDS * 4);
        long[] x = ctx.x;
        int last = (r1 - 1) * PWX_WORDS;
        for (int m = 0; m < x.length; m++) {
            x[m] = (b[last + 2 * m + 1] & 0xffffffffL) << 32 | b[last + 2 * m] & 0xffffffffL;
        }
        for (int i = 0; i < r1; i++) {
            int base = i * PWX_WORDS;
            if (r1 > 1) {
                for (int m = 0; m < x.length; m++) {
                    x[m] ^= (b[base + 2 * m + 1] & 0xffffffffL) << 32 | b[base + 2 * m] & 0xffffffffL;
                }
            }
            pwxform(x, ctx);
            for (int m = 0; m < x.length; m++) {
                b[base + 2 * m] = (int) x[m];
                b[base + 2 * m + 1] = (int) (x[m] >>> 32);
            }
        }
        int i = (r1 - 1) * PWX_WORDS * 4 / 64;
        salsa20(b, i * 16, 2);
        for (i++; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                b[i * 16 + k] ^= b[(i - 1) * 16 + k];
            }
            salsa20(b, i * 16, 2);
        }
    }

    /** pwxform on {@code PWX_GATHER} lanes of {@code PWX_SIMPLE} 64-bit words, as the reference's pwxform(). */
    private static void pwxform(long[] x, Pwxform ctx) {
        long[] s = ctx.s;
        int s0 = ctx.s0;
        int s1 = ctx.s1;
        int s2 = ctx.s2;
        int w = ctx.w;
        for (int i = 0; i < PWX_ROUNDS; i++) {
            boolean write = i != 0 && i != PWX_ROUNDS - 1;
            for (int j = 0; j < PWX_GATHER; j++) {
                long lane0 = x[2 * j];
                long lane1 = x[2 * j + 1];
                // p0, p1: the S-box entries picked by the low and high halves of the lane's first word
                int p0 = s0 + (((int) lane0 & S_MASK) >>> 3);
                int p1 = s1 + (((int) (lane0 >>> 32) & S_MASK) >>> 3);
                lane0 = ((lane0 >>> 32) * (lane0 & 0xffffffffL) + s[p0]) ^ s[p1];
                lane1 = ((lane1 >>> 32) * (lane1 & 0xffffffffL) + s[p0 + 1]) ^ s[p1 + 1];
                x[2 * j] = lane0;
                x[2 * j + 1] = lane1;
                if (write) {
                    s[s2 + w] = lane0;
                    s[s2 + w + 1] = lane1;
                    w += 2;
                }
            }
        }
        ctx.s0 = s2;
        ctx.s1 = s0;
        ctx.s2 = s1;
        ctx.w = w & ((1 << S_WIDTH) * PWX_SIMPLE - 1);
    }

    /**
     * The reference's salsa20() on 16 shuffled words at {@code off}: unshuffle ({@code x[i * 5 % 16] = B[i]}), rounds,
     * add back. Kept in locals: it runs once per 64-byte block of every mixing step.
     */
    private static void salsa20(int[] b, int off, int rounds) {
        int x0 = b[off];
        int x5 = b[off + 1];
        int x10 = b[off + 2];
        int x15 = b[off + 3];
        int x4 = b[off + 4];
        int x9 = b[off + 5];
        int x14 = b[off + 6];
        int x3 = b[off + 7];
        int x8 = b[off + 8];
        int x13 = b[off + 9];
        int x2 = b[off + 10];
        int x7 = b[off + 11];
        int x12 = b[off + 12];
        int x1 = b[off + 13];
        int x6 = b[off + 14];
        int x11 = b[off + 15];
        for (int i = 0; i < rounds; i += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        b[off] += x0;
        b[off + 1] += x5;
        b[off + 2] += x10;
        b[off + 3] += x15;
        b[off + 4] += x4;
        b[off + 5] += x9;
        b[off + 6] += x14;
        b[off + 7] += x3;
        b[off + 8] += x8;
        b[off + 9] += x13;
        b[off + 10] += x2;
        b[off + 11] += x7;
        b[off + 12] += x12;
        b[off + 13] += x1;
        b[off + 14] += x6;
        b[off + 15] += x11;
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE platform provides HmacSHA256", e);
        }
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
