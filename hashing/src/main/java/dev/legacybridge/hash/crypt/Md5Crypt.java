package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.codec.Hash64;
import dev.legacybridge.hash.kdf.Digests;

import java.security.MessageDigest;

/**
 * Poul-Henning Kamp's MD5-crypt, as FreeBSD, glibc/libxcrypt, PHP's {@code crypt()} and passlib implement it, with
 * the magic {@code $1$}, and Apache's variant with the magic {@code $apr1$} (the algorithm is the same; only the magic
 * string hashed in the first step differs). 1000 fixed rounds of MD5: weak.
 *
 * <p>Internal to the hashing module.
 */
final class Md5Crypt {

    /** Byte triplets of the final digest, in the order they are encoded, four characters each; then byte 11. */
    private static final int[][] ORDER = {{0, 6, 12}, {1, 7, 13}, {2, 8, 14}, {3, 9, 15}, {4, 10, 5}};

    private Md5Crypt() {
    }

    /** The 22 encoded digest characters (the part after the last {@code $}). */
    static String digest(byte[] password, byte[] magic, byte[] salt) {
        MessageDigest alt = Digests.get("MD5");
        alt.update(password);
        alt.update(salt);
        alt.update(password);
        byte[] altResult = alt.digest();

        MessageDigest ctx = Digests.get("MD5");
        ctx.update(password);
        ctx.update(magic);
        ctx.update(salt);
        for (int left = password.length; left > 0; left -= 16) {
            ctx.update(altResult, 0, Math.min(16, left));
        }
        for (int i = password.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) {
                ctx.update((byte) 0);
            } else {
                ctx.update(password[0]);
            }
        }
        byte[] result = ctx.digest();

        for (int i = 0; i < 1000; i++) {
            ctx.reset();
            if ((i & 1) != 0) {
                ctx.update(password);
            } else {
                ctx.update(result);
            }
            if (i % 3 != 0) {
                ctx.update(salt);
            }
            if (i % 7 != 0) {
                ctx.update(password);
            }
            if ((i & 1) != 0) {
                ctx.update(result);
            } else {
                ctx.update(password);
            }
            result = ctx.digest();
        }

        StringBuilder out = new StringBuilder(22);
        for (int[] triplet : ORDER) {
            int v = (result[triplet[0]] & 0xff) << 16 | (result[triplet[1]] & 0xff) << 8 | result[triplet[2]] & 0xff;
            append(out, v, 4);
        }
        append(out, result[11] & 0xff, 2);
        java.util.Arrays.fill(result, (byte) 0);
        return out.toString();
    }

    private static void append(StringBuilder out, int v, int chars) {
        for (int i = 0; i < chars; i++) {
            out.append(Hash64.ALPHABET.charAt(v & 0x3f));
            v >>>= 6;
        }
    }
}
