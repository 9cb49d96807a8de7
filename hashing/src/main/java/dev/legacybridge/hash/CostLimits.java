package dev.legacybridge.hash;

/**
 * Upper bounds on the work a stored value may ask for. A value above a bound is refused with
 * {@link Outcome#NOT_ALLOWED} before any hashing, so a hostile or corrupt row ({@code pbkdf2_sha256$2147483647$...})
 * cannot make a login burn seconds of CPU or gigabytes of memory.
 *
 * <p>The defaults sit comfortably above what current library defaults write (PBKDF2 1,000,000-1,200,000 iterations in
 * Django 5.2/6.0, bcrypt cost 12, argon2-cffi m=102400 KiB t=2 p=8 and RFC 9106's t=3 p=4 m=64 MiB, scrypt N=2^15 r=8,
 * SHA-crypt 656,000 rounds) and far below 2^31.
 *
 * @param maxPbkdf2Iterations     every PBKDF2 flavour (Django, passlib, werkzeug)
 * @param maxBcryptCost           bcrypt's log2 rounds, raw and wrapped ({@code bcrypt$}, {@code bcrypt_sha256})
 * @param maxArgon2MemoryKib      argon2 {@code m}
 * @param maxArgon2Iterations     argon2 {@code t}
 * @param maxArgon2Parallelism    argon2 {@code p}
 * @param maxScryptNrp            scrypt {@code N * r * p}; memory use is about 128 bytes times this
 * @param maxShaCryptRounds       SHA-crypt {@code rounds=}
 */
public record CostLimits(int maxPbkdf2Iterations, int maxBcryptCost, int maxArgon2MemoryKib, int maxArgon2Iterations,
                         int maxArgon2Parallelism, long maxScryptNrp, int maxShaCryptRounds) {

    public CostLimits {
        if (maxPbkdf2Iterations < 1 || maxBcryptCost < 4 || maxBcryptCost > 31 || maxArgon2MemoryKib < 8
                || maxArgon2Iterations < 1 || maxArgon2Parallelism < 1 || maxScryptNrp < 2 || maxShaCryptRounds < 1000) {
            throw new IllegalArgumentException("cost limits out of range: " + this);
        }
    }

    /** PBKDF2 2,000,000; bcrypt 14; argon2 m 262,144 KiB, t 16, p 16; scrypt N*r*p 1,048,576; SHA-crypt 1,000,000. */
    public static CostLimits defaults() {
        return new CostLimits(2_000_000, 14, 262_144, 16, 16, 1L << 20, 1_000_000);
    }
}
