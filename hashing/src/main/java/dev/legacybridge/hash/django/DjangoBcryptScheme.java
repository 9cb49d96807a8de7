package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.bcrypt.BcryptString;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.kdf.Digests;

import java.nio.charset.StandardCharsets;

/**
 * Django's two bcrypt hashers: the algorithm name, a {@code $}, then a complete bcrypt string.
 *
 * <ul>
 *   <li>{@code BCryptSHA256PasswordHasher} ({@value SchemeIds#DJANGO_BCRYPT_SHA256}): bcrypt of the 64 lower-case hex
 *       digits of SHA-256(password), so long passwords are not truncated.
 *       Example: {@code secret} matches
 *       {@code bcrypt_sha256$$2b$12$gSgRTpQPl/.JKlSk3cL9l.ZF7jo9dFgq.N5JElJc.U5tWPF0wEfIG}.</li>
 *   <li>{@code BCryptPasswordHasher} ({@value SchemeIds#DJANGO_BCRYPT}): bcrypt of the raw password, truncated at 72
 *       bytes. Example: {@code correct horse battery staple} matches
 *       {@code bcrypt$$2b$05$1kGGgovTxJE0oMJkeZCKPOEC5OBajT39gD9qHEvy6j9EepaWdTkYC}.</li>
 * </ul>
 */
public final class DjangoBcryptScheme implements PasswordScheme {

    private final String prefix;
    private final boolean sha256;
    private final SchemeInfo info;

    private DjangoBcryptScheme(String algorithm, boolean sha256, SchemeInfo info) {
        this.prefix = algorithm + "$";
        this.sha256 = sha256;
        this.info = info;
    }

    public static DjangoBcryptScheme bcryptSha256() {
        return new DjangoBcryptScheme("bcrypt_sha256", true, new SchemeInfo(SchemeIds.DJANGO_BCRYPT_SHA256,
                "bcrypt_sha256$$2b$", false, false, "Django BCryptSHA256PasswordHasher"));
    }

    public static DjangoBcryptScheme bcrypt() {
        return new DjangoBcryptScheme("bcrypt", false, new SchemeInfo(SchemeIds.DJANGO_BCRYPT, "bcrypt$$2b$", false,
                false, "Django BCryptPasswordHasher"));
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(prefix);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        BcryptString parsed = BcryptString.parse(stored, prefix.length());
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Bcrypt(parsed.cost());
            }

            @Override
            public boolean matches(byte[] password) {
                if (!sha256) {
                    return parsed.matches(password);
                }
                byte[] key = Hex.encode(Digests.digest("SHA-256", password)).getBytes(StandardCharsets.US_ASCII);
                return parsed.matches(key);
            }
        };
    }
}
