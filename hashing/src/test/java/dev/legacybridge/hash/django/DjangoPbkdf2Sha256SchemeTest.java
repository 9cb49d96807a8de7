package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code pbkdf2_sha256$}: the contract plus Django's field rules. */
class DjangoPbkdf2Sha256SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "CfsGpJs7ajURjNxwJYUG5w";
    private static final String DIGEST = "ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=";

    @Override
    protected PasswordScheme scheme() {
        return DjangoPbkdf2Scheme.sha256();
    }

    @Override
    protected String validHash() {
        return "pbkdf2_sha256$1000$" + SALT + "$" + DIGEST; // Django 3.2.25, vector django-pbkdf2-sha256-iter1000-dollar
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
                "pbkdf2_sha256$",
                "pbkdf2_sha256$1000",
                "pbkdf2_sha256$1000$" + SALT,
                "pbkdf2_sha256$1000$" + SALT + "$",
                "pbkdf2_sha256$0$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$-1000$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$abc$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$1e3$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$+1000$" + SALT + "$" + DIGEST,
                "pbkdf2_sha256$1000$$" + DIGEST,
                "pbkdf2_sha256$1000$" + SALT + "$!!" + DIGEST.substring(2),
                "pbkdf2_sha256$1000$" + SALT + "$" + DIGEST.substring(0, DIGEST.length() - 1),
                "pbkdf2_sha256$1000$" + SALT + "$" + "A".repeat(42) + "==",
                "pbkdf2_sha256$1000$" + SALT + "$" + "A".repeat(42) + "B=",
                "pbkdf2_sha256$1000$" + SALT + "$" + DIGEST + "$extra");
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("pbkdf2_sha256$99999999999$" + SALT + "$" + DIGEST);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("pbkdf2_sha256$2147483647$" + SALT + "$" + DIGEST);
    }
}
