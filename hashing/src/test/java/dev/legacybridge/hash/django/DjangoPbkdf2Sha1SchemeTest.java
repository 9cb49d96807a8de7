package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code pbkdf2_sha1$}. */
class DjangoPbkdf2Sha1SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "3ea2i0RiNYAcZARCVM2iK4";
    private static final String DIGEST = "dz1Iao9j4JnPAPoTLJ4ybL8y7q4=";

    @Override
    protected PasswordScheme scheme() {
        return DjangoPbkdf2Scheme.sha1();
    }

    @Override
    protected String validHash() {
        return "pbkdf2_sha1$10000$" + SALT + "$" + DIGEST; // vector django-pbkdf2-sha1-iter10000-long100
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple correct horse battery staple correct horse battery staple correct horse";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "pbkdf2_sha1$10000$" + SALT,
                "pbkdf2_sha1$0$" + SALT + "$" + DIGEST,
                "pbkdf2_sha1$ten$" + SALT + "$" + DIGEST,
                // a SHA-256-sized digest under the SHA-1 name
                "pbkdf2_sha1$10000$" + SALT + "$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=",
                "pbkdf2_sha1$10000$" + SALT + "$" + DIGEST.replace("=", ""));
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("pbkdf2_sha1$2000001$" + SALT + "$" + DIGEST);
    }
}
