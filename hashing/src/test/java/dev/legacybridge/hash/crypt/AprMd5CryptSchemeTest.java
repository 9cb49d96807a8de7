package dev.legacybridge.hash.crypt;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Apache {@code $apr1$} (weak). */
class AprMd5CryptSchemeTest extends PasswordSchemeContract {

    @Override
    protected PasswordScheme scheme() {
        return Md5CryptScheme.aprMd5Crypt();
    }

    @Override
    protected String validHash() {
        return "$apr1$pfAB51fG$ti3LNhi.aazOpmTrJUG0L0"; // vector htpasswd-apr1-cjk
    }

    @Override
    protected String validPassword() {
        return "\u5bc6\u7801\u30d1\u30b9\u30ef\u30fc\u30c9\ube44\ubc00\ubc88\ud638";
    }

    @Override
    protected List<String> secretFields() {
        return List.of("pfAB51fG", "ti3LNhi.aazOpmTrJUG0L0");
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("$apr1$", "$apr1$pfAB51fG$ti3LNhi.aazOpmTrJUG0L", "$apr1$pfAB51fG$ti3LNhi.aazOpmTrJUG0Lz");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.empty();
    }
}
