package dev.legacybridge.hash;

import java.util.Locale;
import java.util.Objects;

/**
 * A format, with its cost, that new hashes are written in so that the legacy application can read them back.
 *
 * <table>
 *   <caption>Encodable formats</caption>
 *   <tr><th>scheme</th><th>cost means</th><th>default</th><th>example output</th></tr>
 *   <tr><td>{@code django_pbkdf2_sha256}</td><td>iterations</td><td>1,000,000 (Django 5.2)</td>
 *       <td>{@code pbkdf2_sha256$1000000$<22-char salt>$<base64 hash>}</td></tr>
 *   <tr><td>{@code bcrypt}</td><td>log2 rounds, 4-31</td><td>12</td><td>{@code $2b$12$<53 chars>}</td></tr>
 *   <tr><td>{@code django_argon2}</td><td>time cost {@code t}; memory and parallelism as given</td>
 *       <td>t=2, m=102400 KiB, p=8 (Django)</td><td>{@code argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<hash>}</td></tr>
 * </table>
 *
 * @param scheme      one of {@link SchemeIds#DJANGO_PBKDF2_SHA256}, {@link SchemeIds#BCRYPT}, {@link SchemeIds#DJANGO_ARGON2}
 * @param cost        see the table
 * @param memoryKib   argon2 only (0 otherwise)
 * @param parallelism argon2 only (0 otherwise)
 */
public record EncodingTarget(String scheme, int cost, int memoryKib, int parallelism) {

    public static final int DEFAULT_PBKDF2_ITERATIONS = 1_000_000;
    public static final int DEFAULT_BCRYPT_COST = 12;
    public static final int DEFAULT_ARGON2_TIME_COST = 2;
    public static final int DEFAULT_ARGON2_MEMORY_KIB = 102_400;
    public static final int DEFAULT_ARGON2_PARALLELISM = 8;

    public EncodingTarget {
        Objects.requireNonNull(scheme, "scheme");
        switch (scheme) {
            case SchemeIds.DJANGO_PBKDF2_SHA256 -> require(cost >= 1 && memoryKib == 0 && parallelism == 0,
                    "pbkdf2 iterations must be >= 1");
            case SchemeIds.BCRYPT -> require(cost >= 4 && cost <= 31 && memoryKib == 0 && parallelism == 0,
                    "bcrypt cost must be between 4 and 31");
            case SchemeIds.DJANGO_ARGON2 -> require(cost >= 1 && memoryKib >= 8 * parallelism && parallelism >= 1
                    && parallelism <= 0xFFFFFF, "argon2 needs t >= 1, p >= 1 and m >= 8*p KiB");
            default -> throw new IllegalArgumentException("not an encodable scheme: " + scheme
                    + " (use django_pbkdf2_sha256, bcrypt or django_argon2)");
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

    /** The scheme's default cost, as the current legacy framework writes it. */
    public static EncodingTarget defaultFor(String scheme) {
        return switch (canonicalScheme(scheme)) {
            case SchemeIds.DJANGO_PBKDF2_SHA256 -> djangoPbkdf2Sha256(DEFAULT_PBKDF2_ITERATIONS);
            case SchemeIds.BCRYPT -> bcrypt(DEFAULT_BCRYPT_COST);
            default -> djangoArgon2(DEFAULT_ARGON2_TIME_COST, DEFAULT_ARGON2_MEMORY_KIB, DEFAULT_ARGON2_PARALLELISM);
        };
    }

    /** The same scheme at another cost ({@code t} for argon2, which keeps its memory and parallelism). */
    public EncodingTarget withCost(int newCost) {
        return new EncodingTarget(scheme, newCost, memoryKib, parallelism);
    }

    /**
     * Parses the compact form used in configuration and on the command line: {@code <scheme>[:<cost>]}, where the
     * scheme may also be given by its short alias {@code pbkdf2_sha256}, {@code bcrypt} or {@code argon2}.
     * Examples: {@code django_pbkdf2_sha256:600000}, {@code bcrypt:12}, {@code argon2}.
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

    /** Maps the short aliases to scheme ids; throws for anything that is not encodable. */
    public static String canonicalScheme(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "django_pbkdf2_sha256", "pbkdf2_sha256" -> SchemeIds.DJANGO_PBKDF2_SHA256;
            case "bcrypt", "2b" -> SchemeIds.BCRYPT;
            case "django_argon2", "argon2" -> SchemeIds.DJANGO_ARGON2;
            default -> throw new IllegalArgumentException("not an encodable scheme: '" + name
                    + "' (use django_pbkdf2_sha256, bcrypt or django_argon2)");
        };
    }

    /** The compact form accepted by {@link #parse(String)}, e.g. {@code bcrypt:12}. */
    @Override
    public String toString() {
        return scheme + ":" + cost;
    }
}
