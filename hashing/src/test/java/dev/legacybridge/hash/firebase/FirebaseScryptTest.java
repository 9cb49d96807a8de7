package dev.legacybridge.hash.firebase;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.VerificationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Firebase scrypt's configuration and per-row salt (the vector file checks the algorithm itself). */
class FirebaseScryptTest {

    private static final String SIGNER_KEY = "x9Yc0O6uQdJ2oJmB7r5n8Rk3Tq0mWc1YzL4sAeHfPgVbN2iK6uD8wZtE1yXjR5aQo3LhCv7MdGs9"
            + "FkU0pIeBnw==";
    /** Vector firebase-scrypt-plain. */
    private static final String HASH = "8GDUsEE9k1/AIBOKUnvhFBuf317QU2/WvYJzm3bwgKblBDfUgAIlbx+30P8BQ9SZ6GA7xjFfVsU3UG2w"
            + "nNGAiw==";
    private static final String SALT = "w5JtaReTgyO7yVbn";

    private final LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.defaults(),
            SchemeConfiguration.none().withFormat(FirebaseScrypt.fromBase64(SIGNER_KEY, "Bw==", 8, 14)));

    @Test
    void verifyWhenSaltColumnGivenThenMatch() {
        VerificationResult result = verifier.verify("password", new StoredPassword(HASH, SALT));

        assertThat(result.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(result.scheme()).isEqualTo(SchemeIds.FIREBASE_SCRYPT);
        assertThat(result.upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenSaltMissingOrWrongThenMalformedOrMismatch() {
        assertThat(verifier.verify("password", StoredPassword.of(HASH)).outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(verifier.verify("password", new StoredPassword(HASH, "w5Jt!"))).extracting(VerificationResult::outcome)
                .isEqualTo(Outcome.MALFORMED);
        assertThat(verifier.verify("password", new StoredPassword(HASH, "HjjPcc4nncA94wq8")).outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenValueOfAnotherLengthThenMalformedNotGuessed() {
        VerificationResult result = verifier.verify("password", new StoredPassword(HASH.substring(4), SALT));

        assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(result.scheme()).isEqualTo(SchemeIds.FIREBASE_SCRYPT);
        assertThat(result.reason()).doesNotContain(HASH.substring(4, 20)).doesNotContain(SALT);
    }

    @Test
    void verifyWhenScryptCapBelowFirebaseCostThenNotAllowed() {
        LegacyPasswordVerifier capped = new LegacyPasswordVerifier(HashPolicy.defaults().withLimits(
                new dev.legacybridge.hash.CostLimits(2_000_000, 14, 262_144, 16, 16, (1L << 14) * 8 - 1, 1_000_000)),
                verifier.configuration());

        assertThat(capped.verify("password", new StoredPassword(HASH, SALT)).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    }

    @Test
    void constructWhenParametersOutOfFirebaseRangeThenRefusedWithoutQuotingKey() {
        assertThatThrownBy(() -> FirebaseScrypt.fromBase64(SIGNER_KEY, "Bw==", 9, 14)).hasMessageContaining("rounds");
        assertThatThrownBy(() -> FirebaseScrypt.fromBase64(SIGNER_KEY, "Bw==", 8, 15)).hasMessageContaining("mem_cost");
        assertThatThrownBy(() -> FirebaseScrypt.fromBase64("not base64!", "Bw==", 8, 14))
                .hasMessageContaining("base64_signer_key").hasMessageNotContaining("not base64!");
        assertThat(FirebaseScrypt.fromBase64(SIGNER_KEY, "Bw==", 8, 14).toString()).doesNotContain(SIGNER_KEY)
                .doesNotContain(SIGNER_KEY.substring(0, 20));
    }
}
