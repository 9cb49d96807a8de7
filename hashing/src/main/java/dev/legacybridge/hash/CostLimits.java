package dev.legacybridge.hash;

/**
 * Upper bounds on the work a stored value may ask for. A value above a bound is refused with
 * {@link Outcome#NOT_ALLOWED} before any hashing, so a hostile or corrupt row ({@code pbkdf2_sha256$2147483647$...})
 * cannot make a login burn seconds of CPU or gigabytes of memory.
 *
 * <p>The defaults sit comfortably above what current library defaults write (PBKDF2 1,000,000-1,200,000 iterations in
 * Django 5.2/6.0 and 310,000 in Spring Security 5.8+, bcrypt cost 12, argon2-cffi m=102400 KiB t=2 p=8 and RFC 9106's
 * t=3 p=4 m=64 MiB, scrypt N=2^15 r=8 and Spring's N=2^16 r=8, yescrypt N=2^14 r=32, SHA-crypt 656,000 rounds,
 * phpass 2^19 and Drupal 7 2^15 rounds) and far below 2^31.
 *
 * <p>Which cap applies to which scheme:
 * <ul>
 *   <li>{@code maxPbkdf2Iterations}: every PBKDF2 (Django, passlib, Werkzeug, Spring {@code {pbkdf2}}, ASP.NET
 *       Identity, Atlassian, LDAP {@code {PBKDF2-SHA512}}, PBKDF2 recipes) and every iterated plain digest (Spring
 *       {@code {sha256}} and {@code {MD5}}-style encoders, digest recipes), whose iterations cost about half a PBKDF2
 *       iteration each;</li>
 *   <li>{@code maxScryptNrp}: every scrypt (Django, Werkzeug, Spring {@code {scrypt}}, Firebase) and yescrypt, where
 *       {@code N * r * p * max(1, t)} is compared (yescrypt's {@code t} adds passes; its memory is {@code 128 N r p}
 *       bytes like scrypt's);</li>
 *   <li>{@code maxPhpassCost}: phpass {@code $P$}/{@code $H$} and Drupal's {@code U$P$}/{@code U$H$} (MD5 rounds, log2);</li>
 *   <li>{@code maxDrupal7Cost}: Drupal 7 {@code $S$} and {@code U$S$} (SHA-512 rounds, log2).</li>
 * </ul>
 *
 * @param maxPbkdf2Iterations     every PBKDF2 flavour and iterated digest, see above
 * @param maxBcryptCost           bcrypt's log2 rounds, raw and wrapped ({@code bcrypt$}, {@code bcrypt_sha256},
 *                                {@code {bcrypt}}, {@code $wp$})
 * @param maxArgon2MemoryKib      argon2 {@code m}
 * @param maxArgon2Iterations     argon2 {@code t}
 * @param maxArgon2Parallelism    argon2 {@code p}
 * @param maxScryptNrp            scrypt {@code N * r * p} (and yescrypt, see above); memory use is about 128 bytes times
 *                                this
 * @param maxShaCryptRounds       SHA-crypt {@code rounds=}
 * @param maxPhpassCost           phpass log2 MD5 rounds, 7-30 (the count character)
 * @param maxDrupal7Cost          Drupal 7 log2 SHA-512 rounds, 7-30 (the count character)
 */
public record CostLimits(int maxPbkdf2Iterations, int maxBcryptCost, int maxArgon2MemoryKib, int maxArgon2Iterations,
                         int maxArgon2Parallelism, long maxScryptNrp, int maxShaCryptRounds, int maxPhpassCost,
                         int maxDrupal7Cost) {

    /** Default {@link #maxPhpassCost()}: 2^20 MD5 rounds, above phpBB/WordPress installs that raised it to 2^19. */
    public static final int DEFAULT_MAX_PHPASS_COST = 20;
    /** Default {@link #maxDrupal7Cost()}: 2^20 SHA-512 rounds; Drupal 7 writes 2^15. */
    public static final int DEFAULT_MAX_DRUPAL7_COST = 20;

    public CostLimits {
        if (maxPbkdf2Iterations < 1 || maxBcryptCost < 4 || maxBcryptCost > 31 || maxArgon2MemoryKib < 8
                || maxArgon2Iterations < 1 || maxArgon2Parallelism < 1 || maxScryptNrp < 2 || maxShaCryptRounds < 1000
                || maxPhpassCost < 7 || maxPhpassCost > 30 || maxDrupal7Cost < 7 || maxDrupal7Cost > 30) {
            throw new IllegalArgumentException("cost limits out of range: " + this);
        }
    }

    /** The caps of the first schemes, with the default phpass and Drupal 7 caps. */
    public CostLimits(int maxPbkdf2Iterations, int maxBcryptCost, int maxArgon2MemoryKib, int maxArgon2Iterations,
                      int maxArgon2Parallelism, long maxScryptNrp, int maxShaCryptRounds) {
        this(maxPbkdf2Iterations, maxBcryptCost, maxArgon2MemoryKib, maxArgon2Iterations, maxArgon2Parallelism,
                maxScryptNrp, maxShaCryptRounds, DEFAULT_MAX_PHPASS_COST, DEFAULT_MAX_DRUPAL7_COST);
    }

    /**
     * PBKDF2 2,000,000; bcrypt 14; argon2 m 262,144 KiB, t 16, p 16; scrypt N*r*p 1,048,576; SHA-crypt 1,000,000;
     * phpass 20; Drupal 7 20.
     */
    public static CostLimits defaults() {
        return new CostLimits(2_000_000, 14, 262_144, 16, 16, 1L << 20, 1_000_000);
    }
}
