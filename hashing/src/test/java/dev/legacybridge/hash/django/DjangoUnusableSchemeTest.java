package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django's unusable {@code !} passwords: recognised, never matched, whatever follows the {@code !}. */
class DjangoUnusableSchemeTest extends PasswordSchemeContract {

    private static final String SUFFIX = "IQgbDudMXsKLN57wVLmqMXj3OhILBVzdbLPVWA15";

    @Override
    protected PasswordScheme scheme() {
        return new DjangoUnusableScheme();
    }

    @Override
    protected boolean usable() {
        return false;
    }

    @Override
    protected String validHash() {
        return "!" + SUFFIX; // vector django-unusable-malformed-unusable-1
    }

    @Override
    protected String validPassword() {
        return SUFFIX; // even the suffix itself never matches
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SUFFIX);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(); // every "!..." value is simply unusable
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
