package dev.legacybridge.hash.werkzeug;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Werkzeug {@code pbkdf2:<digest>[:<iterations>]$salt$hex}. */
class WerkzeugPbkdf2SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "9GiK4rY4Rgmqpvj5";
    private static final String DIGEST = "17fe5244f65d062e63ff8010c3096bf1dc92df44fde370ecd5847becd4a9f8b7";

    @Override
    protected PasswordScheme scheme() {
        return new WerkzeugPbkdf2Scheme();
    }

    @Override
    protected String validHash() {
        return "pbkdf2:sha256:1000$" + SALT + "$" + DIGEST; // vector werkzeug-pbkdf2-sha256-1000-dollar
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
                "pbkdf2:sha256$",
                "pbkdf2:sha256:1000$" + SALT,
                "pbkdf2:sha256:$" + SALT + "$" + DIGEST,
                "pbkdf2:sha256:0$" + SALT + "$" + DIGEST,
                "pbkdf2:sha256:x$" + SALT + "$" + DIGEST,
                "pbkdf2:sha256:1000:1$" + SALT + "$" + DIGEST,
                "pbkdf2:sha256:1000$$" + DIGEST,
                "pbkdf2:sha256:1000$" + SALT + "$" + DIGEST.toUpperCase(),
                "pbkdf2:sha256:1000$" + SALT + "$" + DIGEST.substring(2),
                "pbkdf2:sha1:1000$" + SALT + "$" + DIGEST,
                "pbkdf2:sha256:1000$" + SALT + "$" + DIGEST + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("pbkdf2:sha256:2147483647$" + SALT + "$" + DIGEST);
    }
}
