package dev.legacybridge.hash.passlib;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** passlib {@code $bcrypt-sha256$}, v2 and v1. */
class PasslibBcryptSha256SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "d4qAVhMvNQJDKtiTs0lOUe";
    private static final String DIGEST = "SvsOY5DM710jNBj23N7KK8P26fDhlRG";

    @Override
    protected PasswordScheme scheme() {
        return new PasslibBcryptSha256Scheme();
    }

    @Override
    protected String validHash() {
        return "$bcrypt-sha256$v=2,t=2b,r=5$" + SALT + "$" + DIGEST; // vector bcrypt-sha256-v2-cost5-plain
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
                "$bcrypt-sha256$",
                "$bcrypt-sha256$v=2,t=2b,r=5$" + SALT,
                "$bcrypt-sha256$v=3,t=2b,r=5$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2a,r=5$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=05$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=3$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=100$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$2y,5$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$2b5$" + SALT + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=5$" + SALT.substring(1) + "$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=5$" + SALT.substring(0, 21) + "f$" + DIGEST,
                "$bcrypt-sha256$v=2,t=2b,r=5$" + SALT + "$" + DIGEST + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$bcrypt-sha256$v=2,t=2b,r=31$" + SALT + "$" + DIGEST);
    }
}
