package dev.legacybridge.hash;

import java.util.Locale;
import java.util.Objects;

/**
 * A format, with its cost, that new hashes are written in so that the legacy application can read them back.
 *
 * <table>
 *   <caption>Encodable formats</caption>
 *   <tr><th>target</th><th>cost means</th><th>default</th><th>example output</th><th>read by</th></tr>
 *   <tr><td>{@code django_pbkdf2_sha256}</td><td>iterations</td><td>1,000,000 (Django 5.2)</td>
 *       <td>{@code pbkdf2_sha256$1000000$<22-char salt>$<base64 hash>}</td><td>Django</td></tr>
 *   <tr><td>{@code bcrypt}</td><td>log2 rounds, 4-31</td><td>12</td><td>{@code $2b$12$<53 chars>}</td>
 *       <td>pyca/bcrypt, passlib, Spring (without prefix), PHP 7+</td></tr>
 *   <tr><td>{@code django_argon2}</td><td>time cost {@code t}; memory and parallelism as given</td>
 *       <td>t=2, m=102400 KiB, p=8 (Django)</td><td>{@code argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<hash>}</td>
 *       <td>Django + argon2-cffi</td></tr>
 *   <tr><td>{@code php_bcrypt}</td><td>log2 rounds, 4-31</td><td>10 (PHP 8.2's {@code password_hash})</td>
 *       <td>{@code $2y$10$<53 chars>}</td><td>PHP {@code password_verify}, Laravel, Symfony, htpasswd</td></tr>
 *   <tr><td>{@code phpass}</td><td>log2 MD5 rounds, 7-30</td><td>13 (WordPress: count 'B')</td>
 *       <td>{@code $P$B<8-char salt><22 chars>}</td><td>every WordPress version, phpass {@code CheckPassword}</td></tr>
 *   <tr><td>{@code wordpress_bcrypt}</td><td>log2 rounds, 4-31</td><td>10</td><td>{@code $wp$2y$10$<53 chars>}</td>
 *       <td>WordPress 6.8+ only</td></tr>
 *   <tr><td>{@code spring_bcrypt}</td><td>log2 rounds, 4-31</td><td>10 ({@code BCryptPasswordEncoder})</td>
 *       <td>{@code {bcrypt}$2a$10$<53 chars>}</td><td>Spring Security 5+ {@code DelegatingPasswordEncoder}</td></tr>
 *   <tr><td>{@code aspnet_identity_v3}</td><td>PBKDF2-HMAC-SHA512 iterations</td><td>100,000 (.NET 7+)</td>
 *       <td>base64 of {@code 0x01 | 2 | iterations | 16 | salt | 32-byte subkey}</td>
 *       <td>ASP.NET Core Identity {@code PasswordHasher} (v3)</td></tr>
 *   <tr><td>{@code drupal7}</td><td>log2 SHA-512 rounds, 7-30</td><td>15 (Drupal 7's {@code DRUPAL_HASH_COUNT})</td>
 *       <td>{@code $S$D<8-char salt><43 chars>}</td><td>Drupal 7 {@code user_check_password}</td></tr>
 * </table>
 *
 * <p>The {@code bcrypt} target also takes a pepper from the {@link SchemeConfiguration} (Devise's
 * {@code config.pepper}), see {@link PasswordEncoders#encode(EncodingTarget, String, SchemeConfiguration)}.
 *
 * @param scheme      the target id (first column)
 * @param cost        see the table
 * @param memoryKib   argon2 only (0 otherwise)
 * @param parallelism argon2 only (0 otherwise)
 */
public record EncodingTarget(String scheme, int cost, int memoryKib, int parallelism) {

    public static final String PHP_BCRYPT = "php_bcrypt";
    public static final String SPRING_BCRYPT = "spring_bcrypt";
    public static final String ASPNET_IDENTITY_V3 = "aspnet_identity_v3";

    public static final int DEFAULT_PBKDF2_ITERATIONS = 1_000_000;
    public static final int DEFAULT_BCRYPT_COST = 12;
    public static final int DEFAULT_ARGON2_TIME_COST = 2;
    public static final int DEFAULT_ARGON2_MEMORY_KIB = 102_400;
    public static final int DEFAULT_ARGON2_PARALLELISM = 8;
    public static final int DEFAULT_PHP_BCRYPT_COST = 10;
    public static final int DEFAULT_PHPASS_COST = 13;
    public static final int DEFAULT_SPRING_BCRYPT_COST = 10;
    public static final int DEFAULT_ASPNET_ITERATIONS = 100_000;
    public static final int DEFAULT_DRUPAL7_COST = 15;

    private static final String TARGETS = "django_pbkdf2_sha256, bcrypt, django_argon2, php_bcrypt, phpass, "
            + "wordpress_bcrypt, spring_bcrypt, aspnet_identity_v3 or drupal7";

    public EncodingTarget {
        Objects.requireNonNull(scheme, "scheme");
        boolean noArgon2 = memoryKib == 0 && parallelism == 0;
        switch (scheme) {
            case SchemeIds.DJANGO_PBKDF2_SHA256 -> require(cost >= 1 && noArgon2, "pbkdf2 iterations must be >= 1");
            case SchemeIds.BCRYPT, PHP_BCRYPT, SchemeIds.WORDPRESS_BCRYPT, SPRING_BCRYPT ->
                    require(cost >= 4 && cost <= 31 && noArgon2, "bcrypt cost must be between 4 and 31");
            case SchemeIds.DJANGO_ARGON2 -> require(cost >= 1 && memoryKib >= 8 * parallelism && parallelism >= 1
                    && parallelism <= 0xFFFFFF, "argon2 needs t >= 1, p >= 1 and m >= 8*p KiB");
            case SchemeIds.PHPASS -> require(cost >= 7 && cost <= 30 && noArgon2,
                    "phpass cost (log2 rounds) must be between 7 and 30");
            case SchemeIds.DRUPAL7 -> require(cost >= 7 && cost <= 30 && noArgon2,
                    "drupal7 cost (log2 rounds) must be between 7 and 30");
            case ASPNET_IDENTITY_V3 -> require(cost >= 1 && noArgon2, "ASP.NET Identity iterations must be >= 1");
            default -> throw new IllegalArgumentException("not an encodable scheme: " + scheme + " (use " + TARGETS
                    + ")");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static EncodingTarget djangoPbkdf2Sha256(int iterations) {
        return new EncodingTarget(SchemeIds.DJANGO_PBKDF2_SHA256, iterations, 0, 0);
    }

    public static EncodingTarget bcrypt(int cost) {
        return new EncodingTarget(SchemeIds.BCRYPT, cost, 0, 0);
    }

    public static EncodingTarget djangoArgon2(int timeCost, int memoryKib, int parallelism) {
        return new EncodingTarget(SchemeIds.DJANGO_ARGON2, timeCost, memoryKib, parallelism);
    }

    /**
     * The scheme id the verifier reports for values this target writes: the target itself, except
     * {@code php_bcrypt} ({@value SchemeIds#BCRYPT}), {@code spring_bcrypt} ({@value SchemeIds#SPRING_DELEGATING}) and
     * {@code aspnet_identity_v3} ({@value SchemeIds#ASPNET_IDENTITY}). A match in another scheme recommends an upgrade
     * to this target.
     */
    public String verifiedScheme() {
        return switch (scheme) {
            case PHP_BCRYPT -> SchemeIds.BCRYPT;
            case SPRING_BCRYPT -> SchemeIds.SPRING_DELEGATING;
            case ASPNET_IDENTITY_V3 -> SchemeIds.ASPNET_IDENTITY;
            default -> scheme;
        };
    }

    /** The scheme's default cost, as the current legacy framework writes it. */
    public static EncodingTarget defaultFor(String scheme) {
        String canonical = canonicalScheme(scheme);
        return switch (canonical) {
            case SchemeIds.DJANGO_PBKDF2_SHA256 -> djangoPbkdf2Sha256(DEFAULT_PBKDF2_ITERATIONS);
            case SchemeIds.BCRYPT -> bcrypt(DEFAULT_BCRYPT_COST);
            case SchemeIds.DJANGO_ARGON2 -> djangoArgon2(DEFAULT_ARGON2_TIME_COST, DEFAULT_ARGON2_MEMORY_KIB,
                    DEFAULT_ARGON2_PARALLELISM);
            case PHP_BCRYPT, SchemeIds.WORDPRESS_BCRYPT -> new EncodingTarget(canonical, DEFAULT_PHP_BCRYPT_COST, 0, 0);
            case SchemeIds.PHPASS -> new EncodingTarget(canonical, DEFAULT_PHPASS_COST, 0, 0);
            case SPRING_BCRYPT -> new EncodingTarget(canonical, DEFAULT_SPRING_BCRYPT_COST, 0, 0);
            case SchemeIds.DRUPAL7 -> new EncodingTarget(canonical, DEFAULT_DRUPAL7_COST, 0, 0);
            default -> new EncodingTarget(ASPNET_IDENTITY_V3, DEFAULT_ASPNET_ITERATIONS, 0, 0);
        };
    }

    /** The same scheme at another cost ({@code t} for argon2, which keeps its memory and parallelism). */
    public EncodingTarget withCost(int newCost) {
        return new EncodingTarget(scheme, newCost, memoryKib, parallelism);
    }

    /**
     * Parses the compact form used in configuration and on the command line: {@code <scheme>[:<cost>]}, where the
     * scheme may also be given by a short alias ({@code pbkdf2_sha256}, {@code argon2}, {@code 2y}, {@code wordpress},
     * {@code spring}, {@code aspnet}). Examples: {@code django_pbkdf2_sha256:600000}, {@code bcrypt:12},
     * {@code argon2}, {@code phpass:13}, {@code aspnet_identity_v3:100000}, {@code drupal7:15}.
     *
     * @throws IllegalArgumentException with a message fit for an administrator
     */
    public static EncodingTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty hash target; expected <scheme>[:<cost>], e.g. bcrypt:12");
        }
        String[] parts = text.trim().split(":", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("expected <scheme>[:<cost>], e.g. bcrypt:12, got too many ':'");
        }
        EncodingTarget target = defaultFor(canonicalScheme(parts[0]));
        if (parts.length == 2) {
            try {
                target = target.withCost(Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cost must be a whole number, e.g. bcrypt:12");
            }
        }
        return target;
    }

    /** Maps the short aliases to target ids; throws for anything that is not encodable. */
    public static String canonicalScheme(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "django_pbkdf2_sha256", "pbkdf2_sha256" -> SchemeIds.DJANGO_PBKDF2_SHA256;
            case "bcrypt", "2b" -> SchemeIds.BCRYPT;
            case "django_argon2", "argon2" -> SchemeIds.DJANGO_ARGON2;
            case "php_bcrypt", "2y" -> PHP_BCRYPT;
            case "phpass", "wordpress_phpass" -> SchemeIds.PHPASS;
            case "wordpress_bcrypt", "wordpress" -> SchemeIds.WORDPRESS_BCRYPT;
            case "spring_bcrypt", "spring" -> SPRING_BCRYPT;
            case "aspnet_identity_v3", "aspnet_identity", "aspnet" -> ASPNET_IDENTITY_V3;
            case "drupal7", "drupal" -> SchemeIds.DRUPAL7;
            default -> throw new IllegalArgumentException("not an encodable scheme: '" + name + "' (use " + TARGETS
                    + ")");
        };
    }

    /** The compact form accepted by {@link #parse(String)}, e.g. {@code bcrypt:12}. */
    @Override
    public String toString() {
        return scheme + ":" + cost;
    }
}
