package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.HashCost;
import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.codec.Radix64;
import dev.legacybridge.hash.kdf.Digests;

/**
 * Unsalted {@code {SHA}} ({@value SchemeIds#LDAP_SHA1}): standard base64 (padded) of SHA-1(password), as Apache's
 * {@code htpasswd -s}, RFC 2307 LDAP directories and passlib's {@code ldap_sha1} write it. Weak: one unsalted digest.
 *
 * <p>Example: the password {@code password} and {@code {SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=} match.
 */
public final class LdapShaScheme implements PasswordScheme {

    private static final String PREFIX = "{SHA}";
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.LDAP_SHA1, PREFIX, false, true,
            "unsalted SHA-1 (htpasswd -s, RFC 2307 LDAP, passlib ldap_sha1)");

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
        byte[] expected;
        try {
            expected = Radix64.STANDARD.decode(stored, PREFIX.length(), stored.length());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(INFO.id() + ": " + e.getMessage());
        }
        if (expected.length != 20) {
            throw new MalformedHashException(INFO.id() + " digest must be 20 bytes");
        }
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Digests.digest("SHA-1", password));
            }
        };
    }
}
