package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;
import dev.legacybridge.hash.kdf.Pbkdf2;

import java.nio.charset.StandardCharsets;

/**
 * Django's {@code PBKDF2PasswordHasher} ({@value SchemeIds#DJANGO_PBKDF2_SHA256}, Django's default) and
 * {@code PBKDF2SHA1PasswordHasher} ({@value SchemeIds#DJANGO_PBKDF2_SHA1}).
 *
 * <pre>
 * pbkdf2_sha256$260000$LKGIikEk3hzdN81d4CpzyQ$4Muw0MB+vrMOwhJmoxVtU02fYWON+Buv6nZE22WxaWo=
 * |             |      |                      |
 * |             |      |                      PBKDF2 output, digest-sized (32 or 20 bytes), standard base64, padded
 * |             |      salt: TEXT, hashed as its UTF-8 bytes (not decoded); any non-empty string without '$'
 * |             iterations (Django 3.2: 260000, 4.2: 600000, 5.2: 1000000)
 * algorithm
 * </pre>
 *
 * <p>Example: the password {@code secret} and the string above match.
 */
public final class DjangoPbkdf2Scheme implements PasswordScheme {

    private final String prefix;
    private final Pbkdf2.Prf prf;
    private final SchemeInfo info;

    private DjangoPbkdf2Scheme(String algorithm, Pbkdf2.Prf prf, SchemeInfo info) {
        this.prefix = algorithm + "$";
        this.prf = prf;
        this.info = info;
    }

    /** {@code pbkdf2_sha256$...}; the only Django format {@link dev.legacybridge.hash.PasswordEncoders} writes. */
    public static DjangoPbkdf2Scheme sha256() {
        return new DjangoPbkdf2Scheme("pbkdf2_sha256", Pbkdf2.Prf.SHA256, new SchemeInfo(SchemeIds.DJANGO_PBKDF2_SHA256,
                "pbkdf2_sha256$", true, false, "Django PBKDF2PasswordHasher (the default)"));
    }

    /** {@code pbkdf2_sha1$...}. */
    public static DjangoPbkdf2Scheme sha1() {
        return new DjangoPbkdf2Scheme("pbkdf2_sha1", Pbkdf2.Prf.SHA1, new SchemeInfo(SchemeIds.DJANGO_PBKDF2_SHA1,
                "pbkdf2_sha1$", false, false, "Django PBKDF2SHA1PasswordHasher"));
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
        String[] f = DjangoFormat.fields(stored, 4, "pbkdf2");
        int iterations = DjangoFormat.positive(f[1], "pbkdf2 iterations");
        byte[] salt = DjangoFormat.salt(f[2], "pbkdf2").getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try {
            expected = Radix64.STANDARD.decode(f[3]);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("pbkdf2 digest: " + e.getMessage());
        }
        if (expected.length != prf.digestLength()) {
            throw new MalformedHashException("pbkdf2 digest must be " + prf.digestLength() + " bytes");
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Pbkdf2(iterations);
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected,
                        Pbkdf2.derive(prf, password, salt, iterations, expected.length));
            }

            @Override
            public java.util.Optional<dev.legacybridge.hash.StandardHash> standardForm() {
                return dev.legacybridge.hash.StandardHash.Pbkdf2Hash.of(prf, iterations, salt, expected);
            }
        };
    }

    /** Encodes like Django's {@code PBKDF2PasswordHasher.encode}. */
    public static String encode(byte[] password, String salt, int iterations) {
        byte[] dk = Pbkdf2.derive(Pbkdf2.Prf.SHA256, password, salt.getBytes(StandardCharsets.UTF_8), iterations, 32);
        return "pbkdf2_sha256$" + iterations + "$" + salt + "$" + Radix64.STANDARD.encode(dk);
    }
}
