package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Unsalted {@code {SHA}} (weak). */
class LdapShaSchemeTest extends PasswordSchemeContract {

    @Override
    protected PasswordScheme scheme() {
        return new LdapShaScheme();
    }

    @Override
    protected String validHash() {
        return "{SHA}ALl6rrkc3fB2Ey3EOeOV8YBGydk="; // vector htpasswd-sha1-emoji
    }

    @Override
    protected String validPassword() {
        return "\ud83d\udd11unlock\ud83e\udd84";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("ALl6rrkc3fB2Ey3EOeOV8YBGydk");
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("{SHA}", "{SHA}ALl6rrkc3fB2Ey3EOeOV8YBGydl=", "{SHA}ALl6rrkc3fB2Ey3EOeOV8YBGydkAAAA");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
