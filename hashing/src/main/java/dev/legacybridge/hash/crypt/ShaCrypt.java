package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.kdf.Digests;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Ulrich Drepper's SHA-crypt ("Unix crypt using SHA-256 and SHA-512", the {@code $5$} and {@code $6$} methods of
 * glibc/libxcrypt {@code crypt(3)} and passlib's {@code sha256_crypt}/{@code sha512_crypt}), implemented from the
 * specification; the JDK and BouncyCastle have none.
 *
 * <p>Its cost grows with the password's length (every round hashes the password-derived byte string {@code P}), which
 * is one reason the verifier refuses passwords above 4096 bytes, as passlib does.
 *
 * <p>Internal to the hashing module.
 */
final class ShaCrypt {

    static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Byte order of the final base64 step, three bytes per four characters, from the specification. */
    private static final int[] SHA256_ORDER = {
        0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26, 27, 7, 17, 18, 28, 8, 9, 19, 29,
    };
    private static final int[] SHA512_ORDER = {
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30, 51,
        31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60,
        40, 61, 19, 62, 20, 41,
    };

    private ShaCrypt() {
    }

    /** Length of the encoded digest: 43 for SHA-256, 86 for SHA-512. */
    static int encodedLength(boolean sha512) {
        return sha512 ? 86 : 43;
    }

    /**
     * Computes the encoded digest (the part after the last {@code $}).
     *
     * @param salt   the salt characters' bytes, at most 16
     * @param rounds 1000 .. 999,999,999
     */
    static String digest(boolean sha512, byte[] key, byte[] salt, int rounds) {
        MessageDigest md = Digests.get(sha512 ? "SHA-512" : "SHA-256");
        int h = md.getDigestLength();

        // Digest B = H(key salt key)
        md.update(key);
        md.update(salt);
        md.update(key);
        byte[] b = md.digest();

        // Digest A = H(key salt B-repeated-to-key-length, then per bit of the key length: B or key)
        md.update(key);
        md.update(salt);
        int cnt = key.length;
        for (; cnt > h; cnt -= h) {
            md.update(b, 0, h);
        }
        md.update(b, 0, cnt);
        for (cnt = key.length; cnt > 0; cnt >>= 1) {
            if ((cnt & 1) != 0) {
                md.update(b, 0, h);
            } else {
                md.update(key);
            }
        }
        byte[] a = md.digest();

        // P: H(key repeated key-length times), repeated to key length
        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = repeat(md.digest(), key.length);

        // S: H(salt repeated 16 + A[0] times), repeated to salt length
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(salt);
        }
        byte[] s = repeat(md.digest(), salt.length);

        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            if ((i & 1) != 0) {
                md.update(p);
            } else {
                md.update(c, 0, h);
            }
            if (i % 3 != 0) {
                md.update(s);
            }
            if (i % 7 != 0) {
                md.update(p);
            }
            if ((i & 1) != 0) {
                md.update(c, 0, h);
            } else {
                md.update(p);
            }
            c = md.digest();
        }
        Arrays.fill(p, (byte) 0);
        return encode(c, sha512);
    }

    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    private static String encode(byte[] c, boolean sha512) {
        int[] order = sha512 ? SHA512_ORDER : SHA256_ORDER;
        StringBuilder out = new StringBuilder(encodedLength(sha512));
        for (int i = 0; i < order.length; i += 3) {
            b64From24(out, c[order[i]], c[order[i + 1]], c[order[i + 2]], 4);
        }
        if (sha512) {
            b64From24(out, (byte) 0, (byte) 0, c[63], 2);
        } else {
            b64From24(out, (byte) 0, c[31], c[30], 3);
        }
        return out.toString();
    }

    private static void b64From24(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = (b2 & 0xff) << 16 | (b1 & 0xff) << 8 | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(ITOA64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }
}
