package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code md5$salt$hex} (weak). */
class DjangoMd5SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "gP3wqPbKJQsIHXU229Y77h";
    private static final String DIGEST = "64bdc5512eebb468081c909ffccbbf87";

    @Override
    protected PasswordScheme scheme() {
        return DjangoSaltedDigestScheme.md5();
    }

    @Override
    protected String validHash() {
        return "md5$" + SALT + "$" + DIGEST; // vector django-md5-plain
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
                "md5$" + SALT,
                "md5$" + SALT + "$",
                "md5$" + SALT + "$" + DIGEST.toUpperCase(),
                "md5$" + SALT + "$" + DIGEST.substring(1),
                "md5$" + SALT + "$" + DIGEST.replace('b', 'g'),
                "md5$" + SALT + "$" + DIGEST + "$x");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
