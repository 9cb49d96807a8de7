package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django's unsalted md5: bare 32 hex digits or {@code md5$$hex} (weak). */
class DjangoUnsaltedMd5SchemeTest extends PasswordSchemeContract {

    private static final String DIGEST = "5ebe2294ecd0e0f08eab7690d2a6ee69";

    @Override
    protected PasswordScheme scheme() {
        return DjangoUnsaltedDigestScheme.md5();
    }

    @Override
    protected String validHash() {
        return DIGEST; // vector django-unsalted-md5-plain
    }

    @Override
    protected String validPassword() {
        return "secret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                DIGEST.toUpperCase(),
                "md5$$",
                "md5$$" + DIGEST.substring(2),
                "md5$$" + DIGEST + "00",
                "md5$$" + DIGEST.toUpperCase());
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
