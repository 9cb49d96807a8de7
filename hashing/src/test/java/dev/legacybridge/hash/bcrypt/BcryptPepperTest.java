package dev.legacybridge.hash.bcrypt;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devise's pepper: bcrypt of password + pepper. The value was made by PHP 8.2's {@code password_hash("correct horse
 * battery staple" . "devise-pepper", PASSWORD_BCRYPT, ["cost" => 4])}, the same function bcrypt-ruby computes for
 * Devise ({@code BCrypt::Password.create("#{password}#{pepper}")}).
 */
class BcryptPepperTest {

    private static final String STORED = "$2y$04$3WryLWW6ZUh.8eIxSDyiYuKz1JXSFcsdKj29Q1QobuRG6n8yC5RF2";

    @Test
    void verifyWhenPepperConfiguredThenPasswordAloneMatches() {
        LegacyPasswordVerifier peppered = new LegacyPasswordVerifier(HashPolicy.defaults(),
                SchemeConfiguration.none().withBcryptPepper("devise-pepper"));

        assertThat(peppered.verify("correct horse battery staple", STORED).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(peppered.verify("correct horse battery stapl", STORED).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(new LegacyPasswordVerifier(HashPolicy.defaults())
                .verify("correct horse battery staple", STORED).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(SchemeConfiguration.none().withBcryptPepper("devise-pepper").toString())
                .doesNotContain("devise-pepper");
    }
}
