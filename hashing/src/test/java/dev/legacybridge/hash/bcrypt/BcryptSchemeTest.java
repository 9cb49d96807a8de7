package dev.legacybridge.hash.bcrypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Raw bcrypt {@code $2a$}/{@code $2b$}/{@code $2y$}. */
class BcryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "iS3exuvDjsnGLdIwTsjzK.";
    private static final String DIGEST = "heXrvOJG0SkfRAwskpWUit6DJD5uAwK";

    @Override
    protected PasswordScheme scheme() {
        return new BcryptScheme();
    }

    @Override
    protected String validHash() {
        return "$2b$04$" + SALT + DIGEST; // vector bcrypt-2b-cost4-plain
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
                "$2b$",
                "$2b$04$",
                "$2b$04$" + SALT,
                "$2b$4$" + SALT + DIGEST + "x",
                "$2b$4x$" + SALT + DIGEST,
                "$2b$03$" + SALT + DIGEST,
                "$2b$32$" + SALT + DIGEST,
                "$2b$-4$" + SALT + DIGEST,
                "$2b$04" + SALT + DIGEST + "x",
                // salt whose last character sets unused bits (pyca/bcrypt would re-encode it and never match)
                "$2b$04$" + SALT.substring(0, 21) + "/" + DIGEST,
                "$2b$04$" + SALT + DIGEST.substring(0, 30) + "L",
                "$2b$04$" + SALT.replace('.', '+') + DIGEST,
                "$2b$04$" + SALT + DIGEST + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$2b$31$" + SALT + DIGEST);
    }
}
