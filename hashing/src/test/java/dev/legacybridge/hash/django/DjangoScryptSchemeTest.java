package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code scrypt$N$salt$r$p$key}. */
class DjangoScryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "Wz7Qm2Kp9Xc4Rt1L";
    private static final String KEY =
            "JP3/OkKcLsTpY+6BZxLuVVNystu9jc8QnxLwUfMHrugrixGIQI8f5kLYQ9y893yBJIp/8pNGZwgoKpOs2ZcGAQ==";

    @Override
    protected PasswordScheme scheme() {
        return new DjangoScryptScheme();
    }

    @Override
    protected String validHash() {
        // Python 3.11 hashlib.scrypt(b"secret", salt=b"Wz7Qm2Kp9Xc4Rt1L", n=1024, r=8, p=1, dklen=64), in the layout
        // Django's ScryptPasswordHasher writes (a small N keeps the test fast).
        return "scrypt$1024$" + SALT + "$8$1$" + KEY;
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
                "scrypt$1024$" + SALT + "$8$1",
                "scrypt$1000$" + SALT + "$8$1$" + KEY,
                "scrypt$1$" + SALT + "$8$1$" + KEY,
                "scrypt$1024$" + SALT + "$0$1$" + KEY,
                "scrypt$1024$" + SALT + "$8$0$" + KEY,
                "scrypt$65536$" + SALT + "$1$1$" + KEY,
                "scrypt$1024$$8$1$" + KEY,
                "scrypt$1024$" + SALT + "$8$1$" + KEY.substring(4),
                "scrypt$1024$" + SALT + "$8$1$" + KEY + "$");
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("scrypt$1073741824$" + SALT + "$8$1$" + KEY);
    }
}
