package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** LDAP {@code {SSHA256}} (weak). */
class LdapSaltedSha256SchemeTest extends PasswordSchemeContract {

    private static final String STORED = "{SSHA256}CEcaRpTvCGgOzNwN9uWHzjtxWkYCLOrbQDi7AWWxQQ81hvC+9z6nlA==";

    @Override
    protected PasswordScheme scheme() {
        return LdapSaltedDigestScheme.sha256();
    }

    @Override
    protected String validHash() {
        return STORED; // vector ldap-salted-sha256-accent
    }

    @Override
    protected String validPassword() {
        return "pässwörd-été";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(STORED.substring(9, 40));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("{SSHA256}", "{SSHA256}" + STORED.substring(9, 21), STORED.substring(0, STORED.length() - 4) + "!AAA");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
