package dev.legacybridge.hash;

import dev.legacybridge.hash.argon2.Argon2String;
import dev.legacybridge.hash.bcrypt.Bcrypt;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.django.DjangoPbkdf2Scheme;
import dev.legacybridge.hash.kdf.Argon2;

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

    private PasswordEncoders() {
    }

    /**
     * Encodes {@code password} (its UTF-8 bytes) with a fresh random salt from a {@link java.security.SecureRandom}.
     *
     * @throws IllegalArgumentException if the password is null, not valid Unicode, longer than
     *                                  {@value LegacyPasswordVerifier#MAX_PASSWORD_BYTES} UTF-8 bytes (the verifier
     *                                  would never match it), or, for bcrypt, contains NUL (pyca/bcrypt refuses it)
     */
    public static String encode(EncodingTarget target, String password) {
        Objects.requireNonNull(target, "target");
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
                case SchemeIds.BCRYPT -> bcrypt(bytes, target.cost());
                case SchemeIds.DJANGO_ARGON2 -> djangoArgon2(bytes, target);
                default -> throw new IllegalArgumentException("not an encodable scheme: " + target.scheme());
            };
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String djangoSalt() {
        char[] salt = new char[DJANGO_SALT_LENGTH];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = DJANGO_SALT_CHARS.charAt(RANDOM.nextInt(DJANGO_SALT_CHARS.length()));
        }
        return new String(salt);
    }

    private static String bcrypt(byte[] password, int cost) {
        if (!Bcrypt.acceptsPassword(password)) {
            throw new IllegalArgumentException("bcrypt cannot hash a password containing NUL");
        }
        byte[] salt = randomBytes(Bcrypt.SALT_BYTES);
        return BcryptString.format('b', cost, salt, Bcrypt.digest(password, salt, cost));
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
