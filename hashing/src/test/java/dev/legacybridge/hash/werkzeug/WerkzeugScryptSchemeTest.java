package dev.legacybridge.hash.werkzeug;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Werkzeug 3 {@code scrypt:N:r:p$salt$hex}. */
class WerkzeugScryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "Wz7Qm2Kp9Xc4Rt1L";
    private static final String KEY = "24fdff3a429c2ec4e963ee816712ee555372b2dbbd8dcf109f12f051f307aee8"
            + "2b8b1188408f1fe642d843dcbcf77c81248a7ff293466708282a93acd9970601";

    @Override
    protected PasswordScheme scheme() {
        return new WerkzeugScryptScheme();
    }

    @Override
    protected String validHash() {
        // Python 3.11 hashlib.scrypt(b"secret", salt=b"Wz7Qm2Kp9Xc4Rt1L", n=1024, r=8, p=1).hex(), in the layout
        // Werkzeug 3 writes (a small N keeps the test fast).
        return "scrypt:1024:8:1$" + SALT + "$" + KEY;
    }

    @Override
    protected String validPassword() {
        return "secret";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, KEY);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "scrypt:1024:8$" + SALT + "$" + KEY,
                "scrypt:1024:8:1:1$" + SALT + "$" + KEY,
                "scrypt:1000:8:1$" + SALT + "$" + KEY,
                "scrypt:1024:0:1$" + SALT + "$" + KEY,
                "scrypt:1024:8:x$" + SALT + "$" + KEY,
                "scrypt:1024:8:1$$" + KEY,
                "scrypt:1024:8:1$" + SALT + "$" + KEY.substring(0, 64),
                "scrypt:1024:8:1$" + SALT);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("scrypt:1073741824:8:1$" + SALT + "$" + KEY);
    }
}
