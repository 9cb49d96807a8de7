package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code sha1$salt$hex} (weak). */
class DjangoSha1SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "mpAmERCfdgfWFc77QU5Pph";
    private static final String DIGEST = "ebf5b7494bbfebebaee70e32995d0851237001b6";

    @Override
    protected PasswordScheme scheme() {
        return DjangoSaltedDigestScheme.sha1();
    }

    @Override
    protected String validHash() {
        return "sha1$" + SALT + "$" + DIGEST; // vector django-sha1-plain2
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
                "sha1$" + SALT,
                "sha1$" + SALT + "$" + DIGEST.substring(0, 32),
                "sha1$" + SALT + "$" + DIGEST + "0");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
