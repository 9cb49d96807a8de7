package dev.legacybridge.hash.ldap;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Atlassian {@code {PKCS5S2}}. */
class AtlassianPbkdf2SchemeTest extends PasswordSchemeContract {

    private static final String PAYLOAD = "SCllDOEcw7i3FoLQuneOcdWqH6/9zLay422n3kB3tVRfuE8JUiMnUIHyQ3aKlgIh";

    @Override
    protected PasswordScheme scheme() {
        return new AtlassianPbkdf2Scheme();
    }

    @Override
    protected String validHash() {
        return "{PKCS5S2}" + PAYLOAD; // vector atlassian-pbkdf2-sha1-accent
    }

    @Override
    protected String validPassword() {
        return "p\u00e4ssw\u00f6rd-\u00e9t\u00e9";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(PAYLOAD, PAYLOAD.substring(0, 20), PAYLOAD.substring(30));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("{PKCS5S2}", "{PKCS5S2}8773nhNCqFUqBSCktLZ2Dg1OMCiuE/5KXMfIV1Lf+XPx+83lwoffCmLTjDW3",
                "{PKCS5S2}" + PAYLOAD + "AAAA");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
