package dev.legacybridge.hash.django;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Hex;
import dev.legacybridge.hash.kdf.Digests;

/**
 * Django's {@code UnsaltedMD5PasswordHasher} ({@value SchemeIds#DJANGO_UNSALTED_MD5}) and
 * {@code UnsaltedSHA1PasswordHasher} ({@value SchemeIds#DJANGO_UNSALTED_SHA1}): a bare digest of the password. Weak.
 *
 * <ul>
 *   <li>md5: 32 lower-case hex digits with no prefix at all ({@code 5ebe2294ecd0e0f08eab7690d2a6ee69} is
 *       {@code secret}), or the same behind {@code md5$$} (37 characters), which Django also accepts.</li>
 *   <li>sha1: {@code sha1$$} and 40 lower-case hex digits ({@code sha1$$e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4} is
 *       {@code secret}).</li>
 * </ul>
 *
 * <p>Django compares the hex text, so upper-case hex never matches there and is reported malformed here. A 32-digit
 * string is claimed only when it is all hex digits; other 32-character strings stay unknown.
 */
public final class DjangoUnsaltedDigestScheme implements PasswordScheme {

    private final String prefix;
    private final boolean barePrefixless;
    private final String jcaName;
    private final int digestBytes;
    private final SchemeInfo info;

    private DjangoUnsaltedDigestScheme(String prefix, boolean barePrefixless, String jcaName, int digestBytes,
                                       SchemeInfo info) {
        this.prefix = prefix;
        this.barePrefixless = barePrefixless;
        this.jcaName = jcaName;
        this.digestBytes = digestBytes;
        this.info = info;
    }

    public static DjangoUnsaltedDigestScheme md5() {
        return new DjangoUnsaltedDigestScheme("md5$$", true, "MD5", 16, new SchemeInfo(SchemeIds.DJANGO_UNSALTED_MD5,
                "32 hex digits, or md5$$", false, true, "Django UnsaltedMD5PasswordHasher (bare md5)"));
    }

    public static DjangoUnsaltedDigestScheme sha1() {
        return new DjangoUnsaltedDigestScheme("sha1$$", false, "SHA-1", 20, new SchemeInfo(
                SchemeIds.DJANGO_UNSALTED_SHA1, "sha1$$", false, true, "Django UnsaltedSHA1PasswordHasher (bare sha1)"));
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(prefix) || barePrefixless && isHex(stored, digestBytes * 2);
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        int from = stored.startsWith(prefix) ? prefix.length() : 0;
        byte[] expected;
        try {
            expected = Hex.decode(stored, from, stored.length(), digestBytes);
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
                return Digests.constantTimeEquals(expected, Digests.digest(jcaName, password));
            }
        };
    }
}
