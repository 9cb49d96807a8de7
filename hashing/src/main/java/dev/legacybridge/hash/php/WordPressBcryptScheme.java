package dev.legacybridge.hash.php;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.bcrypt.Bcrypt;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.codec.Radix64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * WordPress 6.8+ ({@value SchemeIds#WORDPRESS_BCRYPT}): {@code wp_hash_password} writes {@code "$wp"} followed by PHP's
 * {@code password_hash} (bcrypt, {@code $2y$}) of {@code base64_encode(hash_hmac('sha384', $password, 'wp-sha384',
 * true))}, and {@code wp_check_password} checks it with {@code password_verify} after the same pre-hash.
 *
 * <pre>
 * $wp$2y$10$IUeJSmFcMsZ06DyxU5paQuGfeigBXo75fhPN.jlT.DhsWljLaSO96
 * |  |
 * |  a complete bcrypt string ({@link BcryptString}), of the 64-character base64 pre-hash
 * "$wp"
 * </pre>
 *
 * <p>The pre-hash keeps every byte of the password: unlike plain bcrypt, bytes after the 72nd count. Example: the
 * password {@code correct horse battery staple} and the string above match.
 */
public final class WordPressBcryptScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.WORDPRESS_BCRYPT, "$wp$2y$", true, false,
            "WordPress 6.8+ bcrypt over an HMAC-SHA384 pre-hash");
    private static final byte[] KEY = "wp-sha384".getBytes(StandardCharsets.US_ASCII);

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("$wp$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        BcryptString parsed = BcryptString.parse(stored, 3);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Bcrypt(parsed.cost());
            }

            @Override
            public boolean matches(byte[] password) {
                byte[] key = preHash(password);
                try {
                    return parsed.matches(key);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        };
    }

    /** {@code base64_encode(hash_hmac('sha384', password, 'wp-sha384', true))} as ASCII bytes (64 of them). */
    static byte[] preHash(byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(KEY, "HmacSHA384"));
            byte[] digest = mac.doFinal(password);
            return Radix64.STANDARD.encode(digest).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java SE platform provides HmacSHA384", e);
        }
    }

    /** Writes {@code $wp$2y$<cost>$...} as {@code wp_hash_password} does. */
    public static String encode(byte[] password, byte[] salt, int cost) {
        byte[] key = preHash(password);
        try {
            return "$wp" + BcryptString.format('y', cost, salt, Bcrypt.digest(key, salt, cost));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
