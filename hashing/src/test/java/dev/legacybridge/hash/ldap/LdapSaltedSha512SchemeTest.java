package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** LDAP {@code {SSHA512}} (weak). */
class LdapSaltedSha512SchemeTest extends PasswordSchemeContract {

    /** Computed with Python 3.11's hashlib (base64(sha512(password + salt) + salt), salt 5eed5a17c0ffee42); the
     *  passlib-made cases of more-password-hashes.json check the same format with the password "password". */
    private static final String STORED = "{SSHA512}zO3OBkVvdeGl3q4xpVTommV87Azy2fgUHqAr3+/vxz0bqkJAwiLmplk1y9PiRKw4wrLY0kMY8hRzCQCS0q6tW17tWhfA/+5C";

    @Override
    protected PasswordScheme scheme() {
        return LdapSaltedDigestScheme.sha512();
    }

    @Override
    protected String validHash() {
        return STORED;
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(STORED.substring(9, 40));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("{SSHA512}", "{SSHA512}" + STORED.substring(9, 21), STORED.substring(0, STORED.length() - 4) + "!AAA");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
