package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code bcrypt$}: bcrypt of the raw password. */
class DjangoBcryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT_AND_DIGEST = "1kGGgovTxJE0oMJkeZCKPOEC5OBajT39gD9qHEvy6j9EepaWdTkYC";

    @Override
    protected PasswordScheme scheme() {
        return DjangoBcryptScheme.bcrypt();
    }

    @Override
    protected String validHash() {
        return "bcrypt$$2b$05$" + SALT_AND_DIGEST; // vector django-bcrypt-cost5-words
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT_AND_DIGEST.substring(0, 22), SALT_AND_DIGEST.substring(22));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "bcrypt$",
                "bcrypt$$2b$05$",
                "bcrypt$$2b$0x$" + SALT_AND_DIGEST,
                "bcrypt$$2b$05$" + SALT_AND_DIGEST + "x",
                "bcrypt$$2b$05$" + SALT_AND_DIGEST.replace('k', '!'));
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("bcrypt$$2b$30$" + SALT_AND_DIGEST);
    }
}
