package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** SHA-512 crypt {@code $6$}. */
class Sha512CryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "hHZOhIeydITS3.26";
    private static final String DIGEST =
            "dHSyealGYw6MGD0p/G.WgG9DeA6GuaWIXUqnuInzstC1QTWqDi1LoD5teappQ9Jy5g1tk3IXukSOHEITSKq4Y.";

    @Override
    protected PasswordScheme scheme() {
        return ShaCryptScheme.sha512();
    }

    @Override
    protected String validHash() {
        return "$6$" + SALT + "$" + DIGEST; // vector sha512-crypt-r5000-plain2
    }

    @Override
    protected String validPassword() {
        return "hashsecret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$6$rounds=5000",
                "$6$" + SALT + "$" + DIGEST.substring(0, 85) + "z",
                "$6$" + SALT + "$" + DIGEST.substring(0, 43));
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$6$rounds=1000001$" + SALT + "$" + DIGEST);
    }
}
