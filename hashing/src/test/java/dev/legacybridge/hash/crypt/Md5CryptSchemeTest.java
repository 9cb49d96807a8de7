package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** MD5-crypt {@code $1$} (weak). */
class Md5CryptSchemeTest extends PasswordSchemeContract {

    @Override
    protected PasswordScheme scheme() {
        return Md5CryptScheme.md5Crypt();
    }

    @Override
    protected String validHash() {
        return "$1$avmf$h.8tY./0fzUhiPfD/iDs3."; // vector php-crypt-md5-salt4-words
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("h.8tY./0fzUhiPfD/iDs3.");
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("$1$", "$1$DvK3c30w", "$1$DvK3c30wX$yTar9glTiZrL3o/3okxOi0", "$1$DvK3c30w$yTar9glTiZrL3o/3okxOi9",
                "$1$OQt6LhKd$JSTV5STDKt4NDIJK/bp!v1", "$1$Dv!3c30w$yTar9glTiZrL3o/3okxOi0");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
