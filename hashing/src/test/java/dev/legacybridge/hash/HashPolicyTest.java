package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Weak-scheme opt-in, allowed-scheme lists and each cost cap. */
class HashPolicyTest {

    private static final String DJANGO_MD5 = "md5$gP3wqPbKJQsIHXU229Y77h$64bdc5512eebb468081c909ffccbbf87";
    private static final String PBKDF2_1000 =
            "pbkdf2_sha256$1000$CfsGpJs7ajURjNxwJYUG5w$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=";
    private static final String BCRYPT_4 = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK";
    private static final String ARGON2_M8192_T1_P2 =
            "argon2$argon2id$v=19$m=8192,t=1,p=2$SkFEaFFsN1Y2amRoSEZwMldRWHVndg$Y7s9lDEx7MnDJNpAxprnfw";
    private static final String SCRYPT_16384 = "scrypt:16384:8:1$s15SidApF8nOJ62b$eaeeeae598a7d225fd4318de72f754194420"
            + "52c954408250f3deb8eb71a07f4246a737cb9904f92a6410c2455a071be6f958d9ea6e96ddfd8d57fb29c70f7a2e";
    private static final String SHA256_CRYPT_5000 = "$5$YOkGDS5HzV1nD1nc$MQiVyBiuOErLgW2Lgef6l3xW9urYY7XhlZpVSckyfD9";

    @Test
    void defaultsWhenCreatedThenEveryStrongSchemeAndNoWeakOne() {
        Set<String> weak = Set.of(SchemeIds.DJANGO_MD5, SchemeIds.DJANGO_SHA1, SchemeIds.DJANGO_UNSALTED_MD5,
                SchemeIds.DJANGO_UNSALTED_SHA1, SchemeIds.LDAP_SALTED_SHA1, SchemeIds.LDAP_SALTED_SHA256,
                SchemeIds.LDAP_SALTED_SHA512, SchemeIds.LDAP_SHA1, SchemeIds.MD5_CRYPT, SchemeIds.APR_MD5_CRYPT,
                SchemeIds.SPRING_DELEGATING_WEAK, SchemeIds.RECIPE_DIGEST);
        Set<String> all = new HashSet<>();
        LegacyPasswordVerifier.schemes().forEach(info -> all.add(info.id()));

        assertThat(HashPolicy.defaults().allowedSchemes()).doesNotContainAnyElementsOf(weak);
        assertThat(HashPolicy.defaults().allowedSchemes()).containsExactlyInAnyOrderElementsOf(
                all.stream().filter(id -> !weak.contains(id)).toList());
        assertThat(HashPolicy.allowingAll().allowedSchemes()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(HashPolicy.defaults().limits()).isEqualTo(CostLimits.defaults());
        assertThat(HashPolicy.defaults().upgradeTarget()).isEmpty();
    }

    @Test
    void schemesWhenListedThenWeakFlagsAreExactlyTheFastDigests() {
        assertThat(LegacyPasswordVerifier.schemes().stream().filter(SchemeInfo::weak).map(SchemeInfo::id))
                .containsExactlyInAnyOrder(SchemeIds.DJANGO_MD5, SchemeIds.DJANGO_SHA1, SchemeIds.DJANGO_UNSALTED_MD5,
                        SchemeIds.DJANGO_UNSALTED_SHA1, SchemeIds.LDAP_SALTED_SHA1, SchemeIds.LDAP_SALTED_SHA256,
                        SchemeIds.LDAP_SALTED_SHA512, SchemeIds.LDAP_SHA1, SchemeIds.MD5_CRYPT, SchemeIds.APR_MD5_CRYPT,
                        SchemeIds.SPRING_DELEGATING_WEAK, SchemeIds.RECIPE_DIGEST);
        assertThat(LegacyPasswordVerifier.schemes().stream().filter(SchemeInfo::encodable).map(SchemeInfo::id))
                .containsExactlyInAnyOrder(SchemeIds.DJANGO_PBKDF2_SHA256, SchemeIds.BCRYPT, SchemeIds.DJANGO_ARGON2,
                        SchemeIds.PHPASS, SchemeIds.WORDPRESS_BCRYPT, SchemeIds.SPRING_DELEGATING,
                        SchemeIds.ASPNET_IDENTITY);
    }

    @Test
    void schemesWhenListedThenEverySchemeIdConstantOnceAndNoPseudoIds() throws IllegalAccessException {
        Set<String> constants = new HashSet<>();
        for (var field : SchemeIds.class.getFields()) {
            constants.add((String) field.get(null));
        }
        constants.remove(SchemeIds.EMPTY);
        constants.remove(SchemeIds.UNKNOWN);

        assertThat(LegacyPasswordVerifier.schemes()).extracting(SchemeInfo::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(constants);
    }

    @Test
    void verifyWhenWeakSchemeUnderDefaultsThenNotAllowedWithoutHashing() {
        VerificationResult result = new LegacyPasswordVerifier(HashPolicy.defaults()).verify("secret", DJANGO_MD5);

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(result.scheme()).isEqualTo(SchemeIds.DJANGO_MD5);
        assertThat(result.reason()).contains(SchemeIds.DJANGO_MD5);
    }

    @Test
    void verifyWhenWeakSchemeOptedInThenMatchRecommendsUpgrade() {
        Set<String> allowed = new HashSet<>(HashPolicy.defaults().allowedSchemes());
        allowed.add(SchemeIds.DJANGO_MD5);
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.defaults().withAllowedSchemes(allowed));

        VerificationResult result = verifier.verify("secret", DJANGO_MD5);

        assertThat(result.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(result.upgradeRecommended()).isTrue();
        assertThat(verifier.verify("wrong", DJANGO_MD5).upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenPbkdf2IterationsAboveCapThenNotAllowedAndAtCapAllowed() {
        assertThat(verifierWith(new CostLimits(999, 14, 262_144, 16, 16, 1L << 20, 1_000_000))
                .verify("hash$secret:42", PBKDF2_1000).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(verifierWith(new CostLimits(1000, 14, 262_144, 16, 16, 1L << 20, 1_000_000))
                .verify("hash$secret:42", PBKDF2_1000).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void verifyWhenBcryptCostAboveCapThenNotAllowed() {
        assertThat(verifierWith(new CostLimits(2_000_000, 4, 262_144, 16, 16, 1L << 20, 1_000_000))
                .verify("secret", BCRYPT_4).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifierWith(new CostLimits(2_000_000, 4, 262_144, 16, 16, 1L << 20, 1_000_000))
                .verify("secret", "$2b$05$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK").outcome())
                .isEqualTo(Outcome.NOT_ALLOWED);
    }

    @Test
    void verifyWhenArgon2MemoryIterationsOrParallelismAboveCapThenNotAllowed() {
        CostLimits fits = new CostLimits(2_000_000, 14, 8192, 1, 2, 1L << 20, 1_000_000);
        assertThat(verifierWith(fits).verify("se\u0301cret", ARGON2_M8192_T1_P2).outcome()).isEqualTo(Outcome.MATCH);

        for (CostLimits tooSmall : new CostLimits[] {
            new CostLimits(2_000_000, 14, 8191, 1, 2, 1L << 20, 1_000_000),
            new CostLimits(2_000_000, 14, 8192, 1, 1, 1L << 20, 1_000_000)}) {
            VerificationResult result = verifierWith(tooSmall).verify("se\u0301cret", ARGON2_M8192_T1_P2);
            assertThat(result.outcome()).as(tooSmall.toString()).isEqualTo(Outcome.NOT_ALLOWED);
            assertThat(result.reason()).startsWith("argon2");
        }
        String t2 = ARGON2_M8192_T1_P2.replace("t=1", "t=2");
        assertThat(verifierWith(fits).verify("se\u0301cret", t2).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    }

    @Test
    void verifyWhenScryptNrpAboveCapThenNotAllowed() {
        VerificationResult result = verifierWith(new CostLimits(2_000_000, 14, 262_144, 16, 16, 16384L * 8 - 1,
                1_000_000)).verify("", SCRYPT_16384);

        assertThat(result.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(result.reason()).isEqualTo("scrypt N*r*p 131072 above the limit 131071");
    }

    @Test
    void verifyWhenShaCryptRoundsAboveCapThenNotAllowed() {
        assertThat(verifierWith(new CostLimits(2_000_000, 14, 262_144, 16, 16, 1L << 20, 4999))
                .verify("secret", SHA256_CRYPT_5000).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(verifierWith(new CostLimits(2_000_000, 14, 262_144, 16, 16, 1L << 20, 5000))
                .verify("secret", SHA256_CRYPT_5000).outcome()).isEqualTo(Outcome.MATCH);
    }

    @Test
    void verifyWhenNoSchemeAllowedThenEverythingRecognisedIsNotAllowed() {
        LegacyPasswordVerifier none = new LegacyPasswordVerifier(HashPolicy.defaults().withAllowedSchemes(Set.of()));

        assertThat(none.verify("secret", BCRYPT_4).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
        assertThat(none.verify("secret", "nonsense").outcome()).isEqualTo(Outcome.UNSUPPORTED);
        assertThat(none.verify("secret", "!unusable").outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void withUpgradeTargetWhenNullThenNoTarget() {
        assertThat(HashPolicy.defaults().withUpgradeTarget(null).upgradeTarget()).isEqualTo(Optional.empty());
    }

    private static LegacyPasswordVerifier verifierWith(CostLimits limits) {
        return new LegacyPasswordVerifier(HashPolicy.allowingAll().withLimits(limits));
    }
}
