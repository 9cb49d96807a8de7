package dev.legacybridge.hash.passlib;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** passlib {@code $pbkdf2-sha256$}. */
class PasslibPbkdf2Sha256SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "2Dvn/P9/T.kdY6wVIoTwfg";
    private static final String DIGEST = "RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw";

    @Override
    protected PasswordScheme scheme() {
        return PasslibPbkdf2Scheme.sha256();
    }

    @Override
    protected String validHash() {
        return "$pbkdf2-sha256$29000$" + SALT + "$" + DIGEST; // vector pbkdf2-sha256-default-plain
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
                "$pbkdf2-sha256$",
                "$pbkdf2-sha256$29000$" + SALT,
                "$pbkdf2-sha256$029000$" + SALT + "$" + DIGEST,
                "$pbkdf2-sha256$0$" + SALT + "$" + DIGEST,
                "$pbkdf2-sha256$x$" + SALT + "$" + DIGEST,
                "$pbkdf2-sha256$29000$" + SALT.replace('.', '+') + "$" + DIGEST,
                "$pbkdf2-sha256$29000$" + SALT + "$" + DIGEST + "=",
                "$pbkdf2-sha256$29000$" + SALT + "$" + DIGEST.substring(0, 40),
                "$pbkdf2-sha256$29000$" + SALT + "$" + DIGEST + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$pbkdf2-sha256$2147483647$" + SALT + "$" + DIGEST);
    }
}
