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
 * RFC 2307 / OpenLDAP salted digests: {@code {SSHA}} ({@value SchemeIds#LDAP_SALTED_SHA1}), {@code {SSHA256}}
 * ({@value SchemeIds#LDAP_SALTED_SHA256}) and {@code {SSHA512}} ({@value SchemeIds#LDAP_SALTED_SHA512}): standard
 * base64 (padded) of {@code H(password + salt) + salt}. Weak: a single fast digest.
 *
 * <pre>
 * {SSHA}+SFGuwkVYaSua+RvIRsFZzmtHTsPAYDw
 *       base64 of the digest (20, 32 or 64 bytes) followed by 4-16 salt bytes (passlib's accepted range; OpenLDAP
 *       and passlib write 4 or 8)
 * </pre>
 *
 * <p>Example: the password {@code secret} and the string above match.
 */
public final class LdapSaltedDigestScheme implements PasswordScheme {

    private final String prefix;
    private final String jcaName;
    private final int digestBytes;
    private final SchemeInfo info;

    private LdapSaltedDigestScheme(String prefix, String jcaName, int digestBytes, SchemeInfo info) {
        this.prefix = prefix;
        this.jcaName = jcaName;
        this.digestBytes = digestBytes;
        this.info = info;
    }

    public static LdapSaltedDigestScheme sha1() {
        return new LdapSaltedDigestScheme("{SSHA}", "SHA-1", 20, new SchemeInfo(SchemeIds.LDAP_SALTED_SHA1, "{SSHA}",
                false, true, "LDAP salted SHA-1 (OpenLDAP slappasswd, passlib ldap_salted_sha1)"));
    }

    public static LdapSaltedDigestScheme sha256() {
        return new LdapSaltedDigestScheme("{SSHA256}", "SHA-256", 32, new SchemeInfo(SchemeIds.LDAP_SALTED_SHA256,
                "{SSHA256}", false, true, "LDAP salted SHA-256 (OpenLDAP pw-sha2, 389-ds, passlib ldap_salted_sha256)"));
    }

    public static LdapSaltedDigestScheme sha512() {
        return new LdapSaltedDigestScheme("{SSHA512}", "SHA-512", 64, new SchemeInfo(SchemeIds.LDAP_SALTED_SHA512,
                "{SSHA512}", false, true, "LDAP salted SHA-512 (OpenLDAP pw-sha2, 389-ds, passlib ldap_salted_sha512)"));
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
        byte[] decoded;
        try {
            decoded = Radix64.STANDARD.decode(stored, prefix.length(), stored.length());
        } catch (IllegalArgumentException e) {
            throw new MalformedHashException(info.id() + ": " + e.getMessage());
        }
        int saltLength = decoded.length - digestBytes;
        if (saltLength < 4 || saltLength > 16) {
            throw new MalformedHashException(info.id() + " salt must be 4 to 16 bytes");
        }
        byte[] expected = Arrays.copyOf(decoded, digestBytes);
        byte[] salt = Arrays.copyOfRange(decoded, digestBytes, decoded.length);
        return new StoredHash() {
            @Override
            public HashCost cost() {
                return new HashCost.Fixed();
            }

            @Override
            public boolean matches(byte[] password) {
                return Digests.constantTimeEquals(expected, Digests.digest(jcaName, password, salt));
            }
        };
    }
}
