package dev.legacybridge.keycloak.migration;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.OtpTables;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * Turns a stored TOTP key into the HMAC key bytes: decrypted first when the legacy app encrypts keys at rest
 * ({@code fernet}, key from the Keycloak vault), then decoded as the layout writes it: django-otp keys are hex (20
 * random bytes by default, up to 40), a secret column is base32 (as authenticator apps show it, case and padding
 * ignored) or hex.
 */
public final class OtpKeys {

    private final OtpTables.Kind kind;
    private final String encoding;
    private final Fernet fernet;

    private OtpKeys(OtpTables.Kind kind, String encoding, Fernet fernet) {
        this.kind = kind;
        this.encoding = encoding;
        this.fernet = fernet;
    }

    /**
     * The decoder for a component; resolves the Fernet key's vault reference in {@code session}.
     *
     * @throws IllegalStateException when the Fernet key is missing from the vault or malformed
     */
    static OtpKeys of(KeycloakSession session, LegacyStoreConfig config) {
        Fernet fernet = null;
        if ("fernet".equals(config.otpKeyEncryption())) {
            String reference = config.otpKeyEncryptionKeyReference();
            String key = reference;
            if (LegacyStoreConfig.isVaultReference(reference)) {
                try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
                    key = secret.get().orElseThrow(() -> new IllegalStateException("TOTP key encryption key: the "
                            + "vault has no secret for " + reference));
                }
            }
            try {
                fernet = new Fernet(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("TOTP key encryption key: " + e.getMessage());
            }
        }
        return new OtpKeys(config.otp().kind(), config.otp().secretEncoding(), fernet);
    }

    /** For tests. */
    static OtpKeys of(OtpTables.Kind kind, String encoding, String fernetKey) {
        return new OtpKeys(kind, encoding, fernetKey == null ? null : new Fernet(fernetKey));
    }

    /**
     * @throws IllegalArgumentException naming what is wrong (never quoting the key)
     */
    byte[] decode(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new IllegalArgumentException("the key is empty");
        }
        String text = fernet == null ? stored.trim()
                : new String(fernet.decrypt(stored), StandardCharsets.UTF_8).trim();
        byte[] key;
        if (kind == OtpTables.Kind.DJANGO_OTP || "hex".equals(encoding)) {
            try {
                key = HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the key is not hex");
            }
        } else {
            key = base32(text);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the key is empty");
        }
        return key;
    }

    /** RFC 4648 base32; case, spaces and '=' padding are ignored, as authenticator apps do. */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '=' || c == ' ' || c == '-') {
                continue;
            }
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("the key is not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
