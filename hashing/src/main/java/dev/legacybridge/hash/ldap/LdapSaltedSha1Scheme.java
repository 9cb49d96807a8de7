package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;

import java.util.Arrays;

/**
 * RFC 2307 / OpenLDAP {@code {SSHA}} ({@value SchemeIds#LDAP_SALTED_SHA1}): standard base64 (padded) of
 * {@code SHA1(password + salt) + salt}. Weak: a single fast digest.
 *
 * <pre>
 * {SSHA}+SFGuwkVYaSua+RvIRsFZzmtHTsPAYDw
 *       base64 of 20 digest bytes followed by 4-16 salt bytes (passlib's accepted range; OpenLDAP writes 4 or 8)
 * </pre>
 *
 * <p>Example: the password {@code secret} and the string above match.
 */
public final class LdapSaltedSha1Scheme implements PasswordScheme {

    private static final String PREFIX = "{SSHA}";
    private static final int DIGEST_BYTES = 20;
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.LDAP_SALTED_SHA1, "{SSHA}", false, true,
            "LDAP salted SHA-1 (OpenLDAP slappasswd, passlib ldap_salted_sha1)");

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public boolean claims(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public StoredHash parse(String stored) throws MalformedHashException {
        byte[] decoded;
        try {
            decoded = Radix64.STANDARD.decode(stored, PREFIX.length(), stored.length());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException("{SSHA}: " + e.getMessage());
        }
        int saltLength = decoded.length - DIGEST_BYTES;
        if (saltLength < 4 || saltLength > 16) {
            throw new MalformedHashException("{SSHA} salt must be 4 to 16 bytes");
        }
        byte[] expected = Arrays.copyOf(decoded, DIGEST_BYTES);
        byte[] salt = Arrays.copyOfRange(decoded, DIGEST_BYTES, decoded.length);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Digests.digest("SHA-1", password, salt));
            }
        };
    }
}
