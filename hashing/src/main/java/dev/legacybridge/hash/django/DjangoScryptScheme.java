package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Scrypt;

import java.nio.charset.StandardCharsets;

/**
 * Django's {@code ScryptPasswordHasher} (Django 4.0+), id {@value SchemeIds#DJANGO_SCRYPT}.
 *
 * <pre>
 * scrypt$16384$gzcPcLN58wRjY66cIrWujW$8$1$YxG1546tRNJmoLdM1DdpJvQp+kr9/F03wC5uNJNFPL2G4ypxgV9xIPh8xUz3VIfUmGEgFFIi4/MS0lQPnDZOAg==
 * |      |     |                      | | |
 * |      |     |                      | | 64-byte key, standard base64, padded
 * |      |     |                      | p (parallelism)
 * |      |     |                      r (block size)
 * |      |     salt: TEXT, used as its UTF-8 bytes
 * |      N (work factor, a power of two)
 * algorithm
 * </pre>
 *
 * <p>Note the order: {@code N}, salt, {@code r}, {@code p}. Example: the password {@code secret} and the string above
 * match.
 */
public final class DjangoScryptScheme implements PasswordScheme {

    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.DJANGO_SCRYPT, "scrypt$", false, false,
            "Django ScryptPasswordHasher");
    private static final int KEY_BYTES = 64;

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith("scrypt$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = DjangoFormat.fields(stored, 6, "scrypt");
        int n = DjangoFormat.positive(f[1], "scrypt N");
        byte[] salt = DjangoFormat.salt(f[2], "scrypt").getBytes(StandardCharsets.UTF_8);
        int r = DjangoFormat.positive(f[3], "scrypt r");
        int p = DjangoFormat.positive(f[4], "scrypt p");
        if (!Scrypt.validParameters(n, r, p)) {
            throw new MalformedHashException("scrypt parameters N=" + n + " r=" + r + " p=" + p + " are invalid");
        }
        byte[] expected;
        try {
            expected = Radix64.STANDARD.decode(f[5]);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("scrypt key: " + e.getMessage());
        }
        if (expected.length != KEY_BYTES) {
            throw new MalformedHashException("scrypt key must be " + KEY_BYTES + " bytes");
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Scrypt(n, r, p);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Scrypt.derive(password, salt, n, r, p, KEY_BYTES));
            }
        };
    }
}
