package dev.legacybridge.hash.django;

import dev.legacybridge.hash.PasswordScheme;
import dev.legacybridge.hash.PasswordSchemeContract;

import java.util.List;
import java.util.Optional;

/** Django {@code bcrypt_sha256$}: bcrypt of hex(sha256(password)), so no 72-byte truncation. */
class DjangoBcryptSha256SchemeTest extends PasswordSchemeContract {

    private static final String SALT_AND_DIGEST = "BBt73WQKBdJhsjEbizZw.e5Pm1rv.XsDOzOJx25GC0ea0gP1o5JCa";

    @Override
    protected PasswordScheme scheme() {
        return DjangoBcryptScheme.bcryptSha256();
    }

    @Override
    protected String validHash() {
        return "bcrypt_sha256$$2b$05$" + SALT_AND_DIGEST; // vector django-bcrypt-sha256-cost5-long200
    }

    @Override
    protected String validPassword() {
        return "hashsecret-".repeat(19).substring(0, 200);
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT_AND_DIGEST.substring(0, 22), SALT_AND_DIGEST.substring(22));
    }

    @Override
    protected List<String> malformedForms() {
        return List.of(
                "bcrypt_sha256$",
                "bcrypt_sha256$2b$05$" + SALT_AND_DIGEST,
                "bcrypt_sha256$$2c$05$" + SALT_AND_DIGEST,
                "bcrypt_sha256$$2b$5$" + SALT_AND_DIGEST,
                "bcrypt_sha256$$2b$03$" + SALT_AND_DIGEST,
                "bcrypt_sha256$$2b$32$" + SALT_AND_DIGEST,
                "bcrypt_sha256$$2b$05$" + SALT_AND_DIGEST.substring(1));
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("bcrypt_sha256$$2b$31$" + SALT_AND_DIGEST);
    }
}
