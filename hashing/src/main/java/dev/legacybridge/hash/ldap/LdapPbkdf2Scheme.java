package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.MalformedHashException;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.hash.StoredHash;
import dev.legacybridge.hash.passlib.PasslibPbkdf2Scheme;

/**
 * {@code {PBKDF2-SHA512}} ({@value SchemeIds#LDAP_PBKDF2_SHA512}), the LDAP spelling of passlib's
 * {@code $pbkdf2-sha512$}: passlib's {@code ldap_pbkdf2_sha512} is a prefix wrapper around {@code pbkdf2_sha512}, and
 * OpenLDAP's pw-pbkdf2 module writes the same fields.
 *
 * <pre>
 * {PBKDF2-SHA512}25000$f08ppfQ.xxhDaC1ljHFu7Q$IuK2VvKiBkDk...
 *                rounds, then salt and 64-byte digest in ab64, exactly as {@link PasslibPbkdf2Scheme}
 * </pre>
 */
public final class LdapPbkdf2Scheme implements PasswordScheme {

    private static final String PREFIX = "{PBKDF2-SHA512}";
    private static final String PASSLIB_PREFIX = "$pbkdf2-sha512$";
    private static final SchemeInfo INFO = new SchemeInfo(SchemeIds.LDAP_PBKDF2_SHA512, PREFIX, false, false,
            "LDAP PBKDF2-SHA512 (OpenLDAP pw-pbkdf2, passlib ldap_pbkdf2_sha512)");

    private final PasslibPbkdf2Scheme passlib = PasslibPbkdf2Scheme.sha512();

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
        return passlib.parse(PASSLIB_PREFIX + stored.substring(PREFIX.length()));
    }
}
