package dev.legacybridge.hash.argon2;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** PHC argon2 strings ({@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}). */
class Argon2SchemeTest extends PasswordSchemeContract {

    private static final String SALT = "0mxYytPcTXh+T0R97X9PJg";
    private static final String TAG = "9H0CLXCR45d+eJ3r4kNtAA";

    @Override
    protected PasswordScheme scheme() {
        return new Argon2Scheme();
    }

    @Override
    protected String validHash() {
        return "$argon2i$v=19$m=4096,t=3,p=1$" + SALT + "$" + TAG; // vector argon2-argon2i-m4096-t3-p1-words
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, TAG);
    }

    @Override
    protected List<String> malformedForms() {
        String params = "$m=4096,t=3,p=1$";
        return List.of(
                "$argon2i$",
                "$argon2i$v=19",
                "$argon2i$v=19" + params + SALT,
                "$argon2i$v=" + params + SALT + "$" + TAG,
                "$argon2i$v=019" + params + SALT + "$" + TAG,
                "$argon2i$v=20" + params + SALT + "$" + TAG,
                "$argon2i$v=19$m=04096,t=3,p=1$" + SALT + "$" + TAG,
                "$argon2i$v=19$m=4096,t=3$" + SALT + "$" + TAG,
                "$argon2i$v=19$m=4096,t=3,p=1,keyid=abc$" + SALT + "$" + TAG,
                "$argon2i$v=19$m=4096,t=-3,p=1$" + SALT + "$" + TAG,
                "$argon2i$v=19$m=4096,t=3,p=0$" + SALT + "$" + TAG,
                "$argon2i$v=19$m=4096,t=3,p=16777216$" + SALT + "$" + TAG,
                "$argon2i$v=19" + params + "c2FsdA$" + TAG,
                "$argon2i$v=19" + params + SALT + "$AAAA",
                "$argon2i$v=19" + params + SALT + "$" + TAG + "==",
                "$argon2i$v=19" + params + SALT + "$" + TAG.substring(0, 21) + "B",
                "$argon2i$v=19" + params + SALT + "$" + TAG + "$");
    }

    @Override
    protected List<String> overflowingCosts() {
        return List.of("$argon2i$v=19$m=99999999999,t=3,p=1$" + SALT + "$" + TAG,
                "$argon2id$v=19$m=1024,t=4294967295,p=1$" + SALT + "$" + TAG);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$argon2i$v=19$m=4096,t=2147483647,p=1$" + SALT + "$" + TAG);
    }
}
