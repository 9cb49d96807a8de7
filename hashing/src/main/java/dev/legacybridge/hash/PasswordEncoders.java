package dev.legacybridge.hash;

import dev.legacybridge.hash.argon2.Argon2String;
import dev.legacybridge.hash.aspnet.AspNetIdentityScheme;
import dev.legacybridge.hash.bcrypt.Bcrypt;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.django.DjangoPbkdf2Scheme;
import dev.legacybridge.hash.kdf.Argon2;
import dev.legacybridge.hash.php.Drupal7Scheme;
import dev.legacybridge.hash.php.PhpassScheme;
import dev.legacybridge.hash.php.WordPressBcryptScheme;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Produces new stored values in formats the legacy application reads back (see {@link EncodingTarget}).
 *
 * <table>
 *   <caption>What is written</caption>
 *   <tr><th>target</th><th>salt</th><th>output, as the legacy library writes it</th></tr>
 *   <tr><td>{@code django_pbkdf2_sha256}</td><td>22 characters of {@code a-zA-Z0-9} (Django's
 *       {@code get_random_string}, about 131 bits)</td><td>{@code pbkdf2_sha256$1000000$<salt>$<base64 of 32 bytes>}</td></tr>
 *   <tr><td>{@code bcrypt}</td><td>16 random bytes</td><td>{@code $2b$12$<22-char salt><31-char digest>}
 *       (pyca/bcrypt {@code hashpw})</td></tr>
 *   <tr><td>{@code django_argon2}</td><td>16 random bytes</td>
 *       <td>{@code argon2$argon2id$v=19$m=102400,t=2,p=8$<salt, base64 no padding>$<32-byte tag, base64 no padding>}
 *       (Django's {@code Argon2PasswordHasher} with argon2-cffi defaults)</td></tr>
 *   <tr><td>{@code php_bcrypt}</td><td>16 random bytes</td><td>{@code $2y$10$...} (PHP {@code password_hash})</td></tr>
 *   <tr><td>{@code phpass}</td><td>6 random bytes, 8 characters</td><td>{@code $P$B<salt><22 chars>} (phpass
 *       {@code HashPassword} as WordPress configures it)</td></tr>
 *   <tr><td>{@code wordpress_bcrypt}</td><td>16 random bytes</td><td>{@code $wp$2y$10$...} (WordPress 6.8's
 *       {@code wp_hash_password})</td></tr>
 *   <tr><td>{@code spring_bcrypt}</td><td>16 random bytes</td><td>{@code {bcrypt}$2a$10$...} (Spring's
 *       {@code DelegatingPasswordEncoder} with {@code BCryptPasswordEncoder})</td></tr>
 *   <tr><td>{@code aspnet_identity_v3}</td><td>16 random bytes</td><td>base64 of the v3 record with
 *       HMAC-SHA512, 100,000 iterations and a 32-byte subkey (.NET 7+ {@code PasswordHasher})</td></tr>
 * </table>
 *
 * <p>Salts come from one shared {@link SecureRandom}. {@code docs/hashing.md} records how Django's
 * {@code check_password} and pyca/bcrypt's {@code checkpw} were shown to accept these values.
 */
public final class PasswordEncoders {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Django's {@code RANDOM_STRING_CHARS}. */
    private static final String DJANGO_SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** {@code ceil(128 / log2(62))}, as Django's {@code BasePasswordHasher.salt()} computes it. */
    private static final int DJANGO_SALT_LENGTH = 22;
    private static final int SALT_BYTES = 16;
    private static final int ARGON2_TAG_BYTES = 32;
    /** phpass's {@code gensalt_private} encodes 6 random bytes into its 8 salt characters. */
    private static final int PHPASS_SALT_BYTES = 6;

    private PasswordEncoders() {
    }

    /**
     * Encodes {@code password} (its UTF-8 bytes) with a fresh random salt from a {@link java.security.SecureRandom}.
     *
     * @throws IllegalArgumentException if the password is null, not valid Unicode, longer than
     *                                  {@value LegacyPasswordVerifier#MAX_PASSWORD_BYTES} UTF-8 bytes (the verifier
     *                                  would never match it), or, for the bcrypt targets except
     *                                  {@code wordpress_bcrypt} (which pre-hashes), contains NUL (pyca/bcrypt and PHP
     *                                  8.4 refuse it, older PHP and C bcrypt would cut the password there)
     */
    public static String encode(EncodingTarget target, String password) {
        return encode(target, password, SchemeConfiguration.none());
    }

    /**
     * As {@link #encode(EncodingTarget, String)}, with the legacy application's settings: the {@code bcrypt} target
     * appends the configuration's bcrypt pepper to the password, as Devise writes with {@code config.pepper} (and as
     * the verifier then checks it).
     *
     * @throws IllegalArgumentException as {@link #encode(EncodingTarget, String)}
     */
    public static String encode(EncodingTarget target, String password, SchemeConfiguration configuration) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(configuration, "configuration");
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
        byte[] bytes = Utf8.encode(password, LegacyPasswordVerifier.MAX_PASSWORD_BYTES);
        if (bytes == null) {
            throw new IllegalArgumentException("password is longer than " + LegacyPasswordVerifier.MAX_PASSWORD_BYTES
                    + " UTF-8 bytes or not valid Unicode");
        }
        try {
            return switch (target.scheme()) {
                case SchemeIds.DJANGO_PBKDF2_SHA256 -> DjangoPbkdf2Scheme.encode(bytes, djangoSalt(), target.cost());
                case SchemeIds.BCRYPT -> peppered(bytes, configuration.bcryptPepper(), target.cost());
                case SchemeIds.DJANGO_ARGON2 -> djangoArgon2(bytes, target);
                case EncodingTarget.PHP_BCRYPT -> bcrypt(bytes, target.cost(), 'y');
                case EncodingTarget.SPRING_BCRYPT -> "{bcrypt}" + bcrypt(bytes, target.cost(), 'a');
                case SchemeIds.WORDPRESS_BCRYPT -> WordPressBcryptScheme.encode(bytes, randomBytes(Bcrypt.SALT_BYTES),
                        target.cost());
                case SchemeIds.PHPASS -> PhpassScheme.encode(bytes, randomBytes(PHPASS_SALT_BYTES), target);
                case EncodingTarget.ASPNET_IDENTITY_V3 -> AspNetIdentityScheme.encodeV3(bytes, randomBytes(SALT_BYTES),
                        target.cost());
                case SchemeIds.DRUPAL7 -> Drupal7Scheme.encode(bytes, randomBytes(PHPASS_SALT_BYTES), target.cost());
                default -> throw new IllegalArgumentException("not an encodable scheme: " + target.scheme());
            };
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String peppered(byte[] password, byte[] pepper, int cost) {
        if (pepper.length == 0) {
            return bcrypt(password, cost, 'b');
        }
        byte[] both = Arrays.copyOf(password, password.length + pepper.length);
        System.arraycopy(pepper, 0, both, password.length, pepper.length);
        try {
            // Like bcrypt-ruby under Devise: only the first 72 bytes of password + pepper count, so a pepper after
            // a long password is partly or wholly cut off; the verifier does the same.
            return bcrypt(both, cost, 'b');
        } finally {
            Arrays.fill(both, (byte) 0);
            Arrays.fill(pepper, (byte) 0);
        }
    }

    private static String djangoSalt() {
        char[] salt = new char[DJANGO_SALT_LENGTH];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = DJANGO_SALT_CHARS.charAt(RANDOM.nextInt(DJANGO_SALT_CHARS.length()));
        }
        return new String(salt);
    }

    private static String bcrypt(byte[] password, int cost, char variant) {
        if (!Bcrypt.acceptsPassword(password)) {
            throw new IllegalArgumentException("bcrypt cannot hash a password containing NUL");
        }
        byte[] salt = randomBytes(Bcrypt.SALT_BYTES);
        return BcryptString.format(variant, cost, salt, Bcrypt.digest(password, salt, cost));
    }

    private static String djangoArgon2(byte[] password, EncodingTarget target) {
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] tag = Argon2.hash(Argon2.Type.ARGON2ID, Argon2.VERSION_13, password, salt, target.cost(),
                target.memoryKib(), target.parallelism(), ARGON2_TAG_BYTES);
        return "argon2" + new Argon2String(Argon2.Type.ARGON2ID, Argon2.VERSION_13, target.memoryKib(), target.cost(),
                target.parallelism(), salt, tag).format();
    }

    private static byte[] randomBytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
