package dev.legacybridge.hash.passlib;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** passlib {@code $pbkdf2-sha512$}. */
class PasslibPbkdf2Sha512SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "KgWg9H7PeQ/h/L/Xek.pVQ";
    private static final String DIGEST =
            "/vwFn5Jw0CyQU5UXdTgSUEJaMs1E0no3Y.qpViK2YqxiRBrNyE5adchW43srgSzksYUEZRruNDGMQrKCIwr.jg";

    @Override
    protected PasswordScheme scheme() {
        return PasslibPbkdf2Scheme.sha512();
    }

    @Override
    protected String validHash() {
        return "$pbkdf2-sha512$5000$" + SALT + "$" + DIGEST; // vector pbkdf2-sha512-r5000-dollar
    }

    @Override
    protected String validPassword() {
        return "hash$secret:42";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$pbkdf2-sha512$5000$" + SALT + "$" + DIGEST.substring(0, 43),
                "$pbkdf2-sha512$5000$" + SALT + "$!" + DIGEST.substring(1));
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("$pbkdf2-sha512$99999999999$" + SALT + "$" + DIGEST);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$pbkdf2-sha512$2000001$" + SALT + "$" + DIGEST);
    }
}
