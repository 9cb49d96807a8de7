package dev.legacybridge.keycloak.migration;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts Fernet tokens (the {@code cryptography} package's {@code Fernet}, spec at github.com/fernet/spec): how
 * Django applications usually encrypt a field at rest (an {@code OTP_ENCRYPTION_OBJECT} built on it,
 * django-fernet-fields, django-cryptography).
 *
 * <pre>
 * key   = urlsafe-base64(signing key 16 bytes || encryption key 16 bytes)
 * token = urlsafe-base64(0x80 || timestamp 8 bytes || IV 16 bytes || AES-128-CBC(PKCS#7) ciphertext || HMAC-SHA256 32 bytes)
 *         the HMAC covers everything before it, under the signing key
 * </pre>
 *
 * <p>No time-to-live is applied: a key encrypted at rest years ago is still the user's key. Any defect (bad base64,
 * wrong version, short token, wrong MAC, bad padding) is an {@link IllegalArgumentException} whose message names the
 * defect, never the input.
 */
final class Fernet {

    private static final int VERSION = 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int MAC = 32;

    private final byte[] signingKey;
    private final byte[] encryptionKey;

    /** @param key the application's Fernet key, urlsafe base64 of 32 bytes */
    Fernet(String key) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Fernet key is not urlsafe base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("the Fernet key must be 32 bytes, got " + raw.length);
        }
        this.signingKey = Arrays.copyOfRange(raw, 0, 16);
        this.encryptionKey = Arrays.copyOfRange(raw, 16, 32);
    }

    byte[] decrypt(String token) {
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Fernet token is not urlsafe base64");
        }
        if (data.length < HEADER + 16 + MAC || (data.length - HEADER - MAC) % 16 != 0) {
            throw new IllegalArgumentException("the Fernet token has a wrong length");
        }
        if ((data[0] & 0xFF) != VERSION) {
            throw new IllegalArgumentException("the Fernet token is not version 0x80");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            mac.update(data, 0, data.length - MAC);
            byte[] expected = mac.doFinal();
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, data.length - MAC, data.length))) {
                throw new IllegalArgumentException("the Fernet token's MAC does not match this key");
            }
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
                    new IvParameterSpec(data, 9, 16));
            return aes.doFinal(data, HEADER, data.length - HEADER - MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Fernet token does not decrypt (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** The token's timestamp, seconds since the epoch (for tests and diagnostics). */
    static long timestamp(String token) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.trim()), 1, 8).getLong();
    }
}
