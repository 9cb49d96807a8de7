package dev.legacybridge.hash.bcrypt;

import java.util.Arrays;

/**
 * The bcrypt function with OpenBSD's key handling, on top of {@link EksBlowfish}.
 *
 * <p>Why our own core: of the Java bcrypts, BouncyCastle's was the fastest (Password4j's ignores the stored cost and
 * jBCrypt 0.4 rejects {@code $2b$}), and {@link EksBlowfish} is BouncyCastle's algorithm with the round function
 * reassociated, which measured faster still (see its Javadoc; the figures against pyca/bcrypt's C code are in
 * docs/benchmarks.md). The key is built and the result compared here, not in {@code OpenBSDBCrypt.checkPassword}, so that it is
 * built exactly as pyca/bcrypt builds it and the comparison is constant-time on decoded bytes.
 *
 * <p>The key is the password's bytes truncated to 72, plus a terminating NUL when shorter than 72 ("{@code $2b$}"
 * semantics). pyca/bcrypt applies the same truncation to {@code $2a$} and {@code $2y$}, so all three verify the same.
 * Truncation is by <em>bytes</em>: a multi-byte UTF-8 character straddling byte 72 is cut, and only its first bytes
 * count. A password containing NUL is refused by pyca/bcrypt ({@code ValueError}) and never matches here, because C
 * bcrypt would silently stop at the NUL.
 *
 * <p>Internal to the hashing module.
 */
public final class Bcrypt {

    /** Bytes of the password that bcrypt uses. */
    public static final int MAX_KEY_BYTES = 72;
    /** Bytes of the 24-byte bcrypt output that the string format keeps. */
    public static final int DIGEST_BYTES = 23;
    public static final int SALT_BYTES = 16;

    private Bcrypt() {
    }

    /** Whether {@code password} can be hashed at all (pyca/bcrypt refuses NUL bytes). */
    public static boolean acceptsPassword(byte[] password) {
        for (byte b : password) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the 23 digest bytes that the {@code $2b$} string keeps.
     *
     * @param password no NUL bytes (see {@link #acceptsPassword(byte[])}); any length, only 72 bytes count
     * @param salt     16 bytes
     * @param cost     4..31
     */
    public static byte[] digest(byte[] password, byte[] salt, int cost) {
        byte[] key = password.length < MAX_KEY_BYTES
                ? Arrays.copyOf(password, password.length + 1) // trailing NUL, as C strings carry it
                : Arrays.copyOf(password, MAX_KEY_BYTES);
        try {
            byte[] full = EksBlowfish.bcrypt(key, salt, cost);
            byte[] digest = Arrays.copyOf(full, DIGEST_BYTES);
            Arrays.fill(full, (byte) 0);
            return digest;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
