package dev.legacybridge.hash.php;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** phpass {@code $P$} / {@code $H$}. */
class PhpassSchemeTest extends PasswordSchemeContract {

    @Override
    protected PasswordScheme scheme() {
        return new PhpassScheme();
    }

    @Override
    protected String validHash() {
        return "$P$B46MLXETsH3iA0wg0mnlYvU4m0/AH5/"; // vector phpass-wordpress-P-accent
    }

    @Override
    protected String validPassword() {
        return "p\u00e4ssw\u00f6rd-\u00e9t\u00e9";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("46MLXETs", "H3iA0wg0mnlYvU4m0/AH5/");
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "$P$TizFgrs1GEYGyulKoKw.DRnhyDG20x0",
                "$P$4izFgrs1GEYGyulKoKw.DRnhyDG20x0",
                "$P$BizFgrs",
                "$P$Biz!grs1GEYGyulKoKw.DRnhyDG20x0",
                "$P$BizFgrs1GEYGyulKoKw.DRnhyDG20xz",
                "$P$BizFgrs1GEYGyulKoKw.DRnhyDG20x!");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$P$SizFgrs1GEYGyulKoKw.DRnhyDG20x0");
    }
}
