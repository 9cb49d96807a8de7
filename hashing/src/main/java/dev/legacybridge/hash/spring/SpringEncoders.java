package dev.legacybridge.hash.spring;

import dev.legacybridge.hash.kdf.Pbkdf2;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the Spring application's {@code DelegatingPasswordEncoder} maps each {@code {id}} to an encoder with its
 * settings. Most of Spring's encoders keep their parameters in the stored value; these do not, so they must be
 * configured when the application changed them:
 *
 * <table>
 *   <caption>Settings per encoder id (defaults: {@code PasswordEncoderFactories} of Spring Security 5.8-7.x)</caption>
 *   <tr><th>ids</th><th>encoder</th><th>settings (keys) and defaults</th></tr>
 *   <tr><td>{@code pbkdf2}</td><td>{@code Pbkdf2PasswordEncoder}</td><td>{@code algorithm} PBKDF2WithHmacSHA1,
 *       {@code iterations} 185000, {@code salt_bytes} 8, {@code hash_bits} 256, {@code secret} "", {@code encoding}
 *       hex ({@code defaultsForSpringSecurity_v5_5}, also Spring 5.0-5.7's {@code new Pbkdf2PasswordEncoder()})</td></tr>
 *   <tr><td>{@code pbkdf2@SpringSecurity_v5_8}</td><td>the same</td><td>PBKDF2WithHmacSHA256, 310000, 16, 256, "", hex
 *       ({@code defaultsForSpringSecurity_v5_8})</td></tr>
 *   <tr><td>{@code scrypt}, {@code scrypt@SpringSecurity_v5_8}</td><td>{@code SCryptPasswordEncoder}</td>
 *       <td>{@code keyLength} 32: Spring derives this many bytes whatever the stored key's length</td></tr>
 *   <tr><td>{@code sha256}</td><td>{@code StandardPasswordEncoder}</td><td>{@code secret} "" (SHA-256, 1024
 *       iterations and an 8-byte salt are fixed)</td></tr>
 *   <tr><td>{@code MD5}, {@code SHA-1}, {@code SHA-256}</td><td>{@code MessageDigestPasswordEncoder}</td>
 *       <td>{@code iterations} 1, {@code encoding} hex</td></tr>
 *   <tr><td>{@code MD4}</td><td>{@code Md4PasswordEncoder}</td><td>{@code encoding} hex</td></tr>
 *   <tr><td>{@code bcrypt}, {@code argon2}..., {@code ldap}, {@code noop}</td><td></td><td>none: everything is in
 *       the stored value</td></tr>
 * </table>
 *
 * <p>The keys are those of the {@code params} objects in {@code more-password-hashes.json}; {@code factory} and
 * {@code encoder} are descriptions and ignored. Immutable.
 */
public final class SpringEncoders {

    /** PBKDF2 encoder settings. */
    public record Pbkdf2Settings(Pbkdf2.Prf prf, int iterations, int saltBytes, int hashBits, byte[] secret,
                                 boolean base64) {
    }

    /** MessageDigestPasswordEncoder / Md4PasswordEncoder settings. */
    public record DigestSettings(int iterations, boolean base64) {
    }

    static final Set<String> PBKDF2_IDS = Set.of("pbkdf2", "pbkdf2@SpringSecurity_v5_8");
    static final Set<String> SCRYPT_IDS = Set.of("scrypt", "scrypt@SpringSecurity_v5_8");
    static final Set<String> ARGON2_IDS = Set.of("argon2", "argon2@SpringSecurity_v5_8");
    static final Set<String> DIGEST_IDS = Set.of("MD5", "SHA-1", "SHA-256", "MD4");
    /** Ids of encoders that are weak: no work factor, or none at all. */
    static final Set<String> WEAK_IDS = Set.of("noop", "MD5", "MD4", "SHA-1", "SHA-256", "sha256", "ldap");
    static final Set<String> STRONG_IDS = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "scrypt",
            "scrypt@SpringSecurity_v5_8", "argon2", "argon2@SpringSecurity_v5_8");

    private static final int MAX_ITERATIONS = Integer.MAX_VALUE;
    private static final int MAX_BYTES = 1024;

    private static final SpringEncoders DEFAULTS = new SpringEncoders(Map.of(
            "pbkdf2", new Pbkdf2Settings(Pbkdf2.Prf.SHA1, 185_000, 8, 256, new byte[0], false),
            "pbkdf2@SpringSecurity_v5_8", new Pbkdf2Settings(Pbkdf2.Prf.SHA256, 310_000, 16, 256, new byte[0], false)),
            Map.of("scrypt", 32, "scrypt@SpringSecurity_v5_8", 32), new byte[0],
            Map.of("MD5", new DigestSettings(1, false), "SHA-1", new DigestSettings(1, false),
                    "SHA-256", new DigestSettings(1, false), "MD4", new DigestSettings(1, false)));

    private final Map<String, Pbkdf2Settings> pbkdf2;
    private final Map<String, Integer> scryptKeyLength;
    private final byte[] standardSecret;
    private final Map<String, DigestSettings> digest;

    private SpringEncoders(Map<String, Pbkdf2Settings> pbkdf2, Map<String, Integer> scryptKeyLength,
                           byte[] standardSecret, Map<String, DigestSettings> digest) {
        this.pbkdf2 = Map.copyOf(pbkdf2);
        this.scryptKeyLength = Map.copyOf(scryptKeyLength);
        this.standardSecret = standardSecret.clone();
        this.digest = Map.copyOf(digest);
    }

    /** The encoders of {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()}. */
    public static SpringEncoders defaults() {
        return DEFAULTS;
    }

    /**
     * These encoders with the encoder of {@code id} configured by {@code settings} (keys as in the table above;
     * absent keys keep their current value).
     *
     * @throws IllegalArgumentException naming the key and the rule, fit for an administrator; never quotes a secret
     */
    public SpringEncoders with(String id, Map<String, String> settings) {
        Objects.requireNonNull(id, "id");
        Map<String, String> s = new HashMap<>(settings);
        s.remove("factory");
        s.remove("encoder");
        s.remove("delegating_id");
        if (PBKDF2_IDS.contains(id)) {
            Pbkdf2Settings current = pbkdf2.get(id);
            Pbkdf2.Prf prf = s.containsKey("algorithm") ? pbkdf2Algorithm(s.remove("algorithm")) : current.prf();
            int iterations = integer(s, "iterations", current.iterations(), 1, MAX_ITERATIONS);
            int saltBytes = integer(s, "salt_bytes", current.saltBytes(), 0, MAX_BYTES);
            int hashBits = integer(s, "hash_bits", current.hashBits(), 8, MAX_BYTES * 8);
            if (hashBits % 8 != 0) {
                throw new IllegalArgumentException("Spring " + id + ": hash_bits must be a multiple of 8");
            }
            byte[] secret = s.containsKey("secret") ? s.remove("secret").getBytes(StandardCharsets.UTF_8)
                    : current.secret();
            boolean base64 = encoding(s, current.base64(), id);
            rejectRest(s, id);
            Map<String, Pbkdf2Settings> next = new HashMap<>(pbkdf2);
            next.put(id, new Pbkdf2Settings(prf, iterations, saltBytes, hashBits, secret, base64));
            return new SpringEncoders(next, scryptKeyLength, standardSecret, digest);
        }
        if (SCRYPT_IDS.contains(id)) {
            String key = s.containsKey("keyLength") ? "keyLength" : "key_length";
            int keyLength = integer(s, key, scryptKeyLength.get(id), 1, MAX_BYTES);
            rejectRest(s, id);
            Map<String, Integer> next = new HashMap<>(scryptKeyLength);
            next.put(id, keyLength);
            return new SpringEncoders(pbkdf2, next, standardSecret, digest);
        }
        if (id.equals("sha256")) {
            fixed(s, "algorithm", "SHA-256", id);
            fixed(s, "iterations", "1024", id);
            fixed(s, "salt_bytes", "8", id);
            fixed(s, "encoding", "hex", id);
            byte[] secret = s.containsKey("secret") ? s.remove("secret").getBytes(StandardCharsets.UTF_8)
                    : standardSecret;
            rejectRest(s, id);
            return new SpringEncoders(pbkdf2, scryptKeyLength, secret, digest);
        }
        if (DIGEST_IDS.contains(id)) {
            fixed(s, "algorithm", id, id);
            DigestSettings current = digest.get(id);
            int iterations = id.equals("MD4") ? integer(s, "iterations", 1, 1, 1)
                    : integer(s, "iterations", current.iterations(), 1, MAX_ITERATIONS);
            boolean base64 = encoding(s, current.base64(), id);
            rejectRest(s, id);
            Map<String, DigestSettings> next = new HashMap<>(digest);
            next.put(id, new DigestSettings(iterations, base64));
            return new SpringEncoders(pbkdf2, scryptKeyLength, standardSecret, next);
        }
        if (STRONG_IDS.contains(id) || WEAK_IDS.contains(id)) {
            rejectRest(s, id);
            return this;
        }
        throw new IllegalArgumentException("Spring encoder id '" + printable(id) + "' is not one of "
                + String.join(", ", new java.util.TreeSet<>(allIds())));
    }

    static Set<String> allIds() {
        Set<String> all = new java.util.HashSet<>(STRONG_IDS);
        all.addAll(WEAK_IDS);
        return all;
    }

    Pbkdf2Settings pbkdf2(String id) {
        return pbkdf2.get(id);
    }

    int scryptKeyLength(String id) {
        return scryptKeyLength.get(id);
    }

    byte[] standardSecret() {
        return standardSecret.clone();
    }

    DigestSettings digest(String id) {
        return digest.get(id);
    }

    private static Pbkdf2.Prf pbkdf2Algorithm(String value) {
        return switch (value.trim()) {
            case "PBKDF2WithHmacSHA1" -> Pbkdf2.Prf.SHA1;
            case "PBKDF2WithHmacSHA256" -> Pbkdf2.Prf.SHA256;
            case "PBKDF2WithHmacSHA512" -> Pbkdf2.Prf.SHA512;
            default -> throw new IllegalArgumentException("Spring pbkdf2: algorithm must be PBKDF2WithHmacSHA1, "
                    + "PBKDF2WithHmacSHA256 or PBKDF2WithHmacSHA512");
        };
    }

    private static boolean encoding(Map<String, String> s, boolean current, String id) {
        String value = s.remove("encoding");
        if (value == null) {
            return current;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "hex" -> false;
            case "base64" -> true;
            default -> throw new IllegalArgumentException("Spring " + id + ": encoding must be hex or base64");
        };
    }

    private static void fixed(Map<String, String> s, String key, String expected, String id) {
        String value = s.remove(key);
        if (value != null && !value.trim().equals(expected)) {
            throw new IllegalArgumentException("Spring " + id + ": " + key + " can only be " + expected);
        }
    }

    private static int integer(Map<String, String> s, String key, int current, int min, int max) {
        String value = s.remove(key);
        if (value == null) {
            return current;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("Spring encoder setting " + key + " must be between " + min
                        + " and " + max);
            }
            return (int) parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Spring encoder setting " + key + " must be a whole number");
        }
    }

    private static void rejectRest(Map<String, String> s, String id) {
        if (!s.isEmpty()) {
            throw new IllegalArgumentException("Spring encoder {" + id + "} has no setting "
                    + String.join(", ", new java.util.TreeSet<>(s.keySet())));
        }
    }

    private static String printable(String s) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
