package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** yescrypt {@code $y$}. */
class YescryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "BvaVcaztWcAb4nN8sg2Qf.";
    private static final String DIGEST = "frAVL4DI8w3sBWln7R8UudPjb7mQxq5H2hdbpH4n0kD";

    @Override
    protected PasswordScheme scheme() {
        return new YescryptScheme();
    }

    @Override
    protected String validHash() {
        return "$y$j7T$" + SALT + "$" + DIGEST; // vector yescrypt-R3-accent (N=1024, r=32)
    }

    @Override
    protected String validPassword() {
        return "p\u00e4ssw\u00f6rd-\u00e9t\u00e9";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$y$j75$" + SALT,
                "$y$j75$" + SALT + "$" + DIGEST.substring(1),
                "$y$j75$" + SALT + "$" + DIGEST.substring(0, 42) + "z",
                "$y$j75$" + SALT + "$" + DIGEST.substring(0, 42) + "!",
                "$y$k75$" + SALT + "$" + DIGEST,
                "$y$j75" + SALT + "$" + DIGEST,
                "$y$j75!$" + SALT + "$" + DIGEST,
                "$y$j755$" + SALT + "$" + DIGEST,
                "$y$j75.$" + SALT + "$" + DIGEST,
                "$y$j75/$" + SALT + "$" + DIGEST,
                "$y$.75/.$" + SALT + "$" + DIGEST,
                "$y$j75$B$" + DIGEST);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$y$jET$" + SALT + "$" + DIGEST); // N = 2^16, r = 32: 2^21 > 2^20
    }
}
