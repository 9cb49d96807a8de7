package dev.legacybridge.hash;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one policy reading shared by the provider and the CLI. */
class HashPolicyParserTest {

    @Test
    void parseWhenNothingConfiguredThenDefaults() {
        HashPolicyParser.Result result = HashPolicyParser.parse(Map.of());

        assertThat(result.ok()).isTrue();
        assertThat(result.policy()).isEqualTo(HashPolicy.defaults());
    }

    @Test
    void parseWhenConsoleJoinedListAndFamilyThenIdsExpandedWithoutWeakMembers() {
        HashPolicyParser.Result result = HashPolicyParser.parse(Map.of(HashPolicyParser.ALLOWED_SCHEMES,
                List.of("django_md5##wordpress", "spring")));

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().allowedSchemes()).containsExactlyInAnyOrder(SchemeIds.DJANGO_MD5,
                SchemeIds.WORDPRESS_BCRYPT, SchemeIds.PHPASS, SchemeIds.BCRYPT, SchemeIds.SPRING_DELEGATING);
    }

    @Test
    void parseWhenAllowWeakThenEveryWeakSchemeAdded() {
        HashPolicyParser.Result result = HashPolicyParser.parse(Map.of(HashPolicyParser.ALLOWED_SCHEMES,
                List.of("bcrypt"), HashPolicyParser.ALLOW_WEAK_SCHEMES, List.of("true")));

        assertThat(result.policy().allowedSchemes()).contains(SchemeIds.BCRYPT, SchemeIds.DJANGO_MD5,
                SchemeIds.SPRING_DELEGATING_WEAK, SchemeIds.RECIPE_DIGEST).doesNotContain(SchemeIds.ARGON2);
    }

    @Test
    void parseWhenCapsGivenThenLimitsIncludingNewCaps() {
        HashPolicyParser.Result result = HashPolicyParser.parse(Map.of(HashPolicyParser.MAX_BCRYPT_COST, List.of("12"),
                HashPolicyParser.MAX_PHPASS_COST, List.of(" 19 "), HashPolicyParser.MAX_DRUPAL7_COST, List.of("16"),
                HashPolicyParser.MAX_SCRYPT_NRP, List.of("2097152")));

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().limits()).isEqualTo(new CostLimits(2_000_000, 12, 262_144, 16, 16, 2_097_152L,
                1_000_000, 19, 16));
    }

    @Test
    void parseWhenEveryValueWrongThenEveryProblemNamedByFieldAndRule() {
        HashPolicyParser.Result result = HashPolicyParser.parse(Map.of(
                HashPolicyParser.ALLOWED_SCHEMES, List.of("rot13"),
                HashPolicyParser.ALLOW_WEAK_SCHEMES, List.of("yes"),
                HashPolicyParser.MAX_BCRYPT_COST, List.of("40"),
                HashPolicyParser.MAX_PHPASS_COST, List.of("6"),
                HashPolicyParser.MAX_PBKDF2_ITERATIONS, List.of("many")));

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).extracting(HashPolicyParser.Problem::message).containsExactlyInAnyOrder(
                result.problems().get(0).message(),
                "Allow weak schemes must be true or false, got 'yes'",
                "Max PBKDF2 iterations must be a whole number, got 'many'",
                "Max bcrypt cost must be between 4 and 31, got 40",
                "Max phpass cost must be between 7 and 30, got 6");
        assertThat(result.problems().get(0).message()).startsWith("Allowed hash schemes: unknown scheme 'rot13'; known: ")
                .contains("php_password_hash");
        assertThat(result.problems().get(3).message("--max-bcrypt-cost"))
                .isEqualTo("--max-bcrypt-cost must be between 4 and 31, got 40");
        assertThat(result.policy().limits()).isEqualTo(CostLimits.defaults());
    }

    @Test
    void capsWhenListedThenOnePerCostLimitsComponentWithDefaults() {
        assertThat(HashPolicyParser.CAPS).hasSize(CostLimits.class.getRecordComponents().length);
        CostLimits d = CostLimits.defaults();
        for (int i = 0; i < HashPolicyParser.CAPS.size(); i++) {
            HashPolicyParser.Cap cap = HashPolicyParser.CAPS.get(i);
            assertThat(cap.key()).isEqualTo(CostLimits.class.getRecordComponents()[i].getName());
            assertThat(cap.defaultValue()).isBetween(cap.min(), cap.max());
        }
        assertThat(HashPolicyParser.CAPS.get(7).defaultValue()).isEqualTo(d.maxPhpassCost());
    }
}
