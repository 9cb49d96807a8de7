package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** LDAP {@code {PBKDF2-SHA512}}. */
class LdapPbkdf2SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "UCrFeG/NudcagzDGeI.xtg";
    private static final String DIGEST = "m70a03s3EoGLsOLlDkLdFugULjm/bWIn6zeb6GIbtQmEODWPsuFKNv8ZCOJXII3LVN40Uwg01PEx1O3v4HmPwg";

    @Override
    protected PasswordScheme scheme() {
        return new LdapPbkdf2Scheme();
    }

    @Override
    protected String validHash() {
        return "{PBKDF2-SHA512}5000$" + SALT + "$" + DIGEST; // vector ldap-pbkdf2-sha512-r5000-cjk
    }

    @Override
    protected String validPassword() {
        return "\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9\ube44\ubc00\ubc88\ud638";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("{PBKDF2-SHA512}0$" + SALT + "$" + DIGEST, "{PBKDF2-SHA512}abc$" + SALT + "$" + DIGEST,
                "{PBKDF2-SHA512}5000$" + SALT, "{PBKDF2-SHA512}5000$" + SALT + "$" + DIGEST.substring(2));
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("{PBKDF2-SHA512}4294967296$" + SALT + "$" + DIGEST);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("{PBKDF2-SHA512}2000001$" + SALT + "$" + DIGEST);
    }
}
