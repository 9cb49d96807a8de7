package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** LDAP {@code {SSHA}} (weak). */
class LdapSaltedSha1SchemeTest extends PasswordSchemeContract {

    private static final String PAYLOAD = "+SFGuwkVYaSua+RvIRsFZzmtHTsPAYDw";

    @Override
    protected PasswordScheme scheme() {
        return LdapSaltedDigestScheme.sha1();
    }

    @Override
    protected String validHash() {
        return "{SSHA}" + PAYLOAD; // vector ldap-salted-sha1-salt4-plain
    }

    @Override
    protected String validPassword() {
        return "secret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(PAYLOAD);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "{SSHA}",
                "{SSHA}" + PAYLOAD.substring(0, 28), // 21 bytes: a 1-byte salt
                "{SSHA}" + "A".repeat(52), // 39 bytes: a 19-byte salt
                "{SSHA}" + PAYLOAD.substring(4),
                "{SSHA}" + PAYLOAD + "=",
                "{SSHA}" + PAYLOAD.replace('+', '-'));
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
