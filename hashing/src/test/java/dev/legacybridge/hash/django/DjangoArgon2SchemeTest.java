package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code argon2$}: the argon2-cffi PHC string behind Django's prefix. */
class DjangoArgon2SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "SkFEaFFsN1Y2amRoSEZwMldRWHVndg";
    private static final String TAG = "Y7s9lDEx7MnDJNpAxprnfw";

    @Override
    protected PasswordScheme scheme() {
        return new DjangoArgon2Scheme();
    }

    @Override
    protected String validHash() {
        return "argon2$argon2id$v=19$m=8192,t=1,p=2$" + SALT + "$" + TAG; // vector django-argon2-small-nfd
    }

    @Override
    protected String validPassword() {
        return "se\u0301cret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, TAG);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "argon2$",
                "argon2$argon2id",
                "argon2$argon2x$v=19$m=8192,t=1,p=2$" + SALT + "$" + TAG,
                "argon2$argon2id$v=19$m=8192,t=1,p=2$" + SALT,
                "argon2$argon2id$v=18$m=8192,t=1,p=2$" + SALT + "$" + TAG,
                "argon2$argon2id$v=19$m=8192,t=0,p=2$" + SALT + "$" + TAG,
                "argon2$argon2id$v=19$m=15,t=1,p=2$" + SALT + "$" + TAG,
                "argon2$argon2id$v=19$t=1,m=8192,p=2$" + SALT + "$" + TAG,
                "argon2$argon2id$v=19$m=8192,t=1,p=2$" + SALT + "=$" + TAG,
                "argon2$argon2id$v=19$m=8192,t=1,p=2$" + SALT + "$" + TAG + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("argon2$argon2id$v=19$m=2147483647,t=1,p=2$" + SALT + "$" + TAG);
    }
}
