package dev.legacybridge.hash.kdf;

/**
 * scrypt (RFC 7914) as used by Django's {@code scrypt$} and Werkzeug's {@code scrypt:} formats, both of which call
 * Python's {@code hashlib.scrypt} (OpenSSL).
 *
 * <p>BouncyCastle's {@link org.bouncycastle.crypto.generators.SCrypt} is used: measured at 1.2-1.5x OpenSSL's time on
 * the project machine, the best pure-Java implementation available to us, and its PBKDF2-HMAC-SHA256 steps keep HMAC's
 * key zero-padding (so {@code password + "\0"} matches, as with OpenSSL).
 *
 * <p>Internal to the hashing module.
 */
public final class Scrypt {

    private Scrypt() {
    }

    /**
     * Whether {@code (n, r, p)} is a parameter set OpenSSL and BouncyCastle both accept: {@code N} a power of two
     * greater than 1 and below {@code 2^(16 r)}, {@code r, p >= 1}, {@code r * p < 2^30}.
     */
    public static boolean validParameters(int n, int r, int p) {
        if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || (long) r * p >= 1L << 30) {
            return false;
        }
        return r >= 2 || n < 65536;
    }

    public static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int dkLen) {
        return org.bouncycastle.crypto.generators.SCrypt.generate(password, salt, n, r, p, dkLen);
    }
}
