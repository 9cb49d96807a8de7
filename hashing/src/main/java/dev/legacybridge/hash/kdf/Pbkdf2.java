package dev.legacybridge.hash.kdf;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PBKDF2 (RFC 8018) with HMAC over any JDK {@link MessageDigest}, written for the login path.
 *
 * <p>Why hand-written rather than {@code SecretKeyFactory("PBKDF2WithHmacSHA256")} or BouncyCastle's
 * {@code PKCS5S2ParametersGenerator}: HMAC's key-dependent work (hashing the 64- or 128-byte {@code key ^ ipad} and
 * {@code key ^ opad} blocks) is the same in every iteration, so it is done once and the two resulting digest states are
 * {@linkplain MessageDigest#clone() cloned} per iteration. Each iteration then costs exactly two compression-function
 * calls, which the JDK runs as CPU intrinsics (SHA-NI / AVX2). Measured on the project machine (see
 * {@code docs/benchmarks.md}): 0.4-0.55x OpenSSL's time, against 0.5-0.8x for SunJCE's PBKDF2 and 2-3x for
 * BouncyCastle's pure-Java digests. SunJCE also takes the password as {@code char[]} and re-encodes it, which cannot
 * express arbitrary bytes.
 *
 * <p>HMAC semantics are kept exactly, including its quirk that a key shorter than the block is zero-padded: a password
 * followed by NULs matches the password itself as long as it still fits in one block (64 bytes for SHA-1/SHA-256, 128
 * for SHA-384/SHA-512); longer keys are first hashed, and then the NULs count. The reference libraries behave the same.
 *
 * <p>Internal to the hashing module.
 */
public final class Pbkdf2 {

    /** The pseudo-random functions used by the supported formats. */
    public enum Prf {
        MD5("MD5", 16, 64),
        SHA1("SHA-1", 20, 64),
        SHA224("SHA-224", 28, 64),
        SHA256("SHA-256", 32, 64),
        SHA384("SHA-384", 48, 128),
        SHA512("SHA-512", 64, 128);

        private final String jcaName;
        private final int digestLength;
        private final int blockLength;

        Prf(String jcaName, int digestLength, int blockLength) {
            this.jcaName = jcaName;
            this.digestLength = digestLength;
            this.blockLength = blockLength;
        }

        public int digestLength() {
            return digestLength;
        }

        MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance(jcaName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java SE platform provides " + jcaName, e);
            }
        }
    }

    private Pbkdf2() {
    }

    /**
     * Derives {@code dkLen} bytes.
     *
     * @param password   HMAC key; any bytes, any length
     * @param salt       any bytes
     * @param iterations at least 1 (the caller has already compared it with its cap)
     */
    public static byte[] derive(Prf prf, byte[] password, byte[] salt, int iterations, int dkLen) {
        if (iterations < 1 || dkLen < 1) {
            throw new IllegalArgumentException("iterations and length must be positive");
        }
        int hLen = prf.digestLength;
        MessageDigest inner = prf.newDigest();
        MessageDigest outer = keyedState(prf, inner, password);
        byte[] u = new byte[hLen];
        byte[] t = new byte[hLen];
        byte[] out = new byte[dkLen];
        byte[] blockIndex = new byte[4];
        try {
            for (int block = 1, offset = 0; offset < dkLen; block++, offset += hLen) {
                blockIndex[0] = (byte) (block >>> 24);
                blockIndex[1] = (byte) (block >>> 16);
                blockIndex[2] = (byte) (block >>> 8);
                blockIndex[3] = (byte) block;
                MessageDigest in = clone(inner);
                in.update(salt);
                in.update(blockIndex);
                in.digest(u, 0, hLen);
                MessageDigest out1 = clone(outer);
                out1.update(u);
                out1.digest(u, 0, hLen);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int i = 1; i < iterations; i++) {
                    // Two compressions per iteration: (ipad state + U) and (opad state + inner digest).
                    in = clone(inner);
                    in.update(u);
                    in.digest(u, 0, hLen);
                    MessageDigest o = clone(outer);
                    o.update(u);
                    o.digest(u, 0, hLen);
                    for (int k = 0; k < hLen; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, offset, Math.min(hLen, dkLen - offset));
            }
            return out;
        } catch (DigestException e) {
            throw new IllegalStateException("digest buffer too small", e);
        }
    }

    /**
     * Turns {@code inner} into the HMAC inner state (key ^ ipad absorbed) and returns the outer state (key ^ opad).
     */
    private static MessageDigest keyedState(Prf prf, MessageDigest inner, byte[] password) {
        byte[] key = password.length > prf.blockLength ? inner.digest(password) : password;
        byte[] pad = new byte[prf.blockLength];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
        }
        MessageDigest outer = clone(inner);
        inner.update(pad);
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
        }
        outer.update(pad);
        java.util.Arrays.fill(pad, (byte) 0);
        return outer;
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's digests are cloneable", e);
        }
    }
}
