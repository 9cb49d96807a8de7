package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** SHA-256 crypt {@code $5$}. */
class Sha256CryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "YOkGDS5HzV1nD1nc";
    private static final String DIGEST = "MQiVyBiuOErLgW2Lgef6l3xW9urYY7XhlZpVSckyfD9";

    @Override
    protected PasswordScheme scheme() {
        return ShaCryptScheme.sha256();
    }

    @Override
    protected String validHash() {
        return "$5$" + SALT + "$" + DIGEST; // vector sha256-crypt-r5000-plain (implicit rounds=5000)
    }

    @Override
    protected String validPassword() {
        return "secret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$5$",
                "$5$" + SALT,
                "$5$rounds=$" + SALT + "$" + DIGEST,
                "$5$rounds=999$" + SALT + "$" + DIGEST,
                "$5$rounds=0$" + SALT + "$" + DIGEST,
                "$5$rounds=05000$" + SALT + "$" + DIGEST,
                "$5$rounds=1000000000$" + SALT + "$" + DIGEST,
                "$5$rounds=-5000$" + SALT + "$" + DIGEST,
                "$5$rounds=5000x$" + SALT + "$" + DIGEST,
                "$5$" + SALT + "x$" + DIGEST,
                "$5$" + SALT.substring(0, 8) + "*" + SALT.substring(9) + "$" + DIGEST,
                "$5$" + SALT + "$" + DIGEST.substring(1),
                "$5$" + SALT + "$" + DIGEST.substring(0, 42) + "z",
                "$5$" + SALT + "$" + DIGEST + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$5$rounds=999999999$" + SALT + "$" + DIGEST);
    }
}
