package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django's unsalted sha1: {@code sha1$$hex} (weak). */
class DjangoUnsaltedSha1SchemeTest extends PasswordSchemeContract {

    private static final String DIGEST = "e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4";

    @Override
    protected PasswordScheme scheme() {
        return DjangoUnsaltedDigestScheme.sha1();
    }

    @Override
    protected String validHash() {
        return "sha1$$" + DIGEST; // vector django-unsalted-sha1-plain
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
        return List.of("sha1$$", "sha1$$" + DIGEST.substring(1), "sha1$$$" + DIGEST, "sha1$$" + DIGEST.toUpperCase());
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
