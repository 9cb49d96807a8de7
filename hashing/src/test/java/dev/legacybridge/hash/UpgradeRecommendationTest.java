package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a match recommends re-encoding: always for weak schemes; with an upgrade target, when the scheme differs or the
 * cost is below the target's (argon2: t, m, p, and argon2id version 19). {@code inspect} answers the same question
 * without hashing, so most cases are checked through it and a few through {@code verify}.
 */
class UpgradeRecommendationTest {

    private static final String PBKDF2_1000 =
            "pbkdf2_sha256$1000$CfsGpJs7ajURjNxwJYUG5w$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=";
    private static final String PBKDF2_1000000 =
            "pbkdf2_sha256$1000000$IMFGkbP5Q0S7SIFOR0iXQU$G871P+iusMlBTFzXczLDR7zLb/W2ruVBOWZtLwmBZSI=";
    private static final String PASSLIB_PBKDF2 =
            "$pbkdf2-sha256$29000$2Dvn/P9/T.kdY6wVIoTwfg$RbigXfhVOOlQq4B9z/mtQP2x40XfyO0gf8sMTRmLRtw";
    private static final String BCRYPT_4 = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK";
    private static final String BCRYPT_12 = "$2b$12$GiT4irjyOQK17GBgqhonJeAsbCyyyVMMHp.NvMQxnF9DZlsG69YSe";
    private static final String DJANGO_BCRYPT_5 = "bcrypt$$2b$05$1kGGgovTxJE0oMJkeZCKPOEC5OBajT39gD9qHEvy6j9EepaWdTkYC";
    private static final String ARGON2_DEFAULT =
            "argon2$argon2id$v=19$m=102400,t=2,p=8$WTRIQTNlQUtwZk5STnQweVNLVzBHbQ$E/txknYFw4XG5sBkNbwsQw";
    private static final String ARGON2_SMALL =
            "argon2$argon2id$v=19$m=8192,t=1,p=2$SkFEaFFsN1Y2amRoSEZwMldRWHVndg$Y7s9lDEx7MnDJNpAxprnfw";
    private static final String PHC_ARGON2_DEFAULT =
            "$argon2id$v=19$m=102400,t=2,p=8$wDinFCIEwLh37t0b49ybEw$Qtd5SSpPBtytqxAVIwsCvw";
    private static final String SSHA = "{SSHA}+SFGuwkVYaSua+RvIRsFZzmtHTsPAYDw";

    @Test
    void inspectWhenNoTargetThenOnlyWeakSchemesRecommendUpgrade() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll());

        assertThat(verifier.inspect(BCRYPT_4).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(PBKDF2_1000).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(SSHA).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect("5ebe2294ecd0e0f08eab7690d2a6ee69").upgradeRecommended()).isTrue();
    }

    @Test
    void inspectWhenPbkdf2TargetThenLowerIterationsAndOtherSchemesRecommendUpgrade() {
        LegacyPasswordVerifier verifier = withTarget(EncodingTarget.djangoPbkdf2Sha256(600_000));

        assertThat(verifier.inspect(PBKDF2_1000).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect(PBKDF2_1000000).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(PASSLIB_PBKDF2).upgradeRecommended()).as("another scheme").isTrue();
        assertThat(verifier.inspect(BCRYPT_12).upgradeRecommended()).as("another scheme").isTrue();
    }

    @Test
    void inspectWhenBcryptTargetThenLowerCostAndWrappedFormsRecommendUpgrade() {
        LegacyPasswordVerifier verifier = withTarget(EncodingTarget.bcrypt(12));

        assertThat(verifier.inspect(BCRYPT_4).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect(BCRYPT_12).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(BCRYPT_12.replace("$2b$", "$2y$")).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(DJANGO_BCRYPT_5).upgradeRecommended()).as("django_bcrypt is another scheme").isTrue();
    }

    @Test
    void inspectWhenArgon2TargetThenEachLowerParameterOrOtherVariantRecommendsUpgrade() {
        LegacyPasswordVerifier verifier = withTarget(EncodingTarget.defaultFor(SchemeIds.DJANGO_ARGON2));

        assertThat(verifier.inspect(ARGON2_DEFAULT).upgradeRecommended()).isFalse();
        assertThat(verifier.inspect(ARGON2_SMALL).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("t=2", "t=1")).upgradeRecommended()).as("t").isTrue();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("m=102400", "m=65536")).upgradeRecommended()).as("m").isTrue();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("p=8", "p=4")).upgradeRecommended()).as("p").isTrue();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("t=2", "t=3")).upgradeRecommended()).as("higher t").isFalse();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("argon2id", "argon2i")).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect(ARGON2_DEFAULT.replace("v=19", "v=16")).upgradeRecommended()).isTrue();
        assertThat(verifier.inspect(PHC_ARGON2_DEFAULT).upgradeRecommended()).as("bare PHC is another scheme").isTrue();
    }

    @Test
    void verifyWhenMatchBelowTargetThenUpgradeAndMismatchNever() {
        LegacyPasswordVerifier verifier = withTarget(EncodingTarget.bcrypt(12));

        VerificationResult match = verifier.verify("secret", BCRYPT_4);
        VerificationResult mismatch = verifier.verify("secret!", BCRYPT_4);

        assertThat(match.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(match.upgradeRecommended()).isTrue();
        assertThat(mismatch.upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenMatchAtTargetThenNoUpgrade() {
        LegacyPasswordVerifier verifier = withTarget(EncodingTarget.djangoArgon2(1, 8192, 2));

        VerificationResult result = verifier.verify("se\u0301cret", ARGON2_SMALL);

        assertThat(result.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(result.upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenWeakSchemeEvenAtNoTargetThenUpgrade() {
        VerificationResult result = new LegacyPasswordVerifier(HashPolicy.allowingAll()).verify("secret", SSHA);

        assertThat(result.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(result.upgradeRecommended()).isTrue();
    }

    private static LegacyPasswordVerifier withTarget(EncodingTarget target) {
        return new LegacyPasswordVerifier(HashPolicy.allowingAll().withUpgradeTarget(target));
    }
}
