package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.kdf.Digests;

import java.nio.charset.StandardCharsets;

/**
 * Django's legacy {@code MD5PasswordHasher} ({@value SchemeIds#DJANGO_MD5}) and {@code SHA1PasswordHasher}
 * ({@value SchemeIds#DJANGO_SHA1}, removed in Django 5.1): one unsalted-speed digest of salt + password. Weak.
 *
 * <pre>
 * md5$gP3wqPbKJQsIHXU229Y77h$64bdc5512eebb468081c909ffccbbf87
 * |   |                      |
 * |   |                      lower-case hex of md5(salt + password)
 * |   salt: TEXT, non-empty (an empty salt is the unsalted form, see {@link DjangoUnsaltedDigestScheme})
 * algorithm
 * </pre>
 *
 * <p>Example: the password {@code secret} and the string above match; so do {@code hashsecret} and
 * {@code sha1$mpAmERCfdgfWFc77QU5Pph$ebf5b7494bbfebebaee70e32995d0851237001b6}.
 */
public final class DjangoSaltedDigestScheme implements PasswordScheme {

    private final String prefix;
    private final String jcaName;
    private final int digestBytes;
    private final SchemeInfo info;

    private DjangoSaltedDigestScheme(String algorithm, String jcaName, int digestBytes, SchemeInfo info) {
        this.prefix = algorithm + "$";
        this.jcaName = jcaName;
        this.digestBytes = digestBytes;
        this.info = info;
    }

    public static DjangoSaltedDigestScheme md5() {
        return new DjangoSaltedDigestScheme("md5", "MD5", 16, new SchemeInfo(SchemeIds.DJANGO_MD5, "md5$<salt>$",
                false, true, "Django MD5PasswordHasher (salted md5)"));
    }

    public static DjangoSaltedDigestScheme sha1() {
        return new DjangoSaltedDigestScheme("sha1", "SHA-1", 20, new SchemeInfo(SchemeIds.DJANGO_SHA1, "sha1$<salt>$",
                false, true, "Django SHA1PasswordHasher (salted sha1, removed in Django 5.1)"));
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean claims(String stored) {
        // "md5$$..." / "sha1$$..." (empty salt) is the unsalted hasher's.
        return stored.startsWith(prefix) && !stored.startsWith(prefix + "$");
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        String[] f = DjangoFormat.fields(stored, 3, prefix.substring(0, prefix.length() - 1));
        byte[] salt = DjangoFormat.salt(f[1], info.id()).getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try {
            expected = Hex.decode(f[2], 0, f[2].length(), digestBytes);
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(info.id() + ": " + e.getMessage());
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Digests.digest(jcaName, salt, password));
            }
        };
    }
}
