package dev.legacybridge.hash.php;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Drupal 7 {@code $S$} and {@code U$S$}. */
class Drupal7SchemeTest extends PasswordSchemeContract {

    @Override
    protected PasswordScheme scheme() {
        return new Drupal7Scheme();
    }

    @Override
    protected String validHash() {
        return "U$S$9h8a4Wet7NXRtkfUnV830UaeuK7YKuA1XDwmEo9fMySmaAcuk.f/"; // vector drupal7-U-S-words
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("h8a4Wet7", "NXRtkfUnV830UaeuK7YKuA1XDwmEo9fMySmaAcuk.f/");
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$S$TeB.Bp4noJCkga7cjlTFZfO6XozgRG3fQhD4UAQanRN8ZrRMpOuw",
                "$S$DeB.Bp4noJCkga7cjlTFZfO6XozgRG3fQhD4UAQanRN8ZrRMpOu",
                "$S$DeB.Bp4noJCkga7cjlTFZfO6XozgRG3fQhD4UAQanRN8ZrRMpOuwA",
                "$S$DeB.Bp4noJCkga7cjlTFZfO6Xozg!G3fQhD4UAQanRN8ZrRMpOuw",
                "U$P$BizFgrs1GEYGyulKoKw.DRnhyDG20xz",
                "U$H$Biz");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$S$SeB.Bp4noJCkga7cjlTFZfO6XozgRG3fQhD4UAQanRN8ZrRMpOuw");
    }

    @Test
    void verifyWhenPasswordOver512BytesThenMismatchAsDrupal() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());
        String stored = "$S$D51bLzecjDvh6ditl5F1FVEk4eLLR4jL/.paoWUtWGZ2F5tQEUHJ"; // vector drupal7-S-512-bytes
        String password512 = "0123456789abcdef".repeat(32);

        assertThat(verifier.verify(password512, stored).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify(password512 + "x", stored).outcome()).isEqualTo(Outcome.MISMATCH);
    }
}
