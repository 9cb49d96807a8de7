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

/** WordPress 6.8+ {@code $wp$2y$}. */
class WordPressBcryptSchemeTest extends PasswordSchemeContract {

    private static final String SALT = "IUeJSmFcMsZ06DyxU5paQu";
    private static final String DIGEST = "GfeigBXo75fhPN.jlT.DhsWljLaSO96";

    @Override
    protected PasswordScheme scheme() {
        return new WordPressBcryptScheme();
    }

    @Override
    protected String validHash() {
        return "$wp$2y$10$" + SALT + DIGEST; // vector wordpress68-bcrypt-1
    }

    @Override
    protected String validPassword() {
        return "correct horse battery staple";
    }

    @Override
    protected List<String> secretFields() {
        return List.of(SALT, DIGEST);
    }

    @Override
    protected List<String> malformedForms() {
        return List.of("$wp$", "$wp$2x$10$" + SALT + DIGEST, "$wp$2y$10$" + SALT + DIGEST.substring(1),
                "$wp$2y$03$" + SALT + DIGEST);
    }

    @Override
    protected Optional<String> absurdCost() {
        return Optional.of("$wp$2y$31$" + SALT + DIGEST);
    }

    @Test
    void verifyWhenPasswordLongerThan72BytesThenEveryByteCounts() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());
        String password = "x".repeat(100);
        String stored = WordPressBcryptScheme.encode(password.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[16], 4);

        assertThat(verifier.verify(password, stored).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify("x".repeat(99) + "y", stored).outcome()).isEqualTo(Outcome.MISMATCH);
    }
}
