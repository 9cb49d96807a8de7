package dev.legacybridge.hash.recipe;

import dev.legacybridge.hash.HashInspection;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.VerificationResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recipes against values computed with Python 3.11's {@code hashlib}/{@code hmac} (the functions the recipes name),
 * for the password {@code correct horse battery staple}.
 */
class RecipeTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SALT = "Xq3!salt";

    private static VerificationResult verify(Map<String, String> recipe, String password, String value, String salt) {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.allowingAll(),
                SchemeConfiguration.none().withFormat(Recipe.parse(recipe)));
        return verifier.verify(password, new StoredPassword(value, salt));
    }

    private static void assertMatchesOnlyPassword(Map<String, String> recipe, String value, String salt) {
        VerificationResult match = verify(recipe, PASSWORD, value, salt);
        assertThat(match.outcome()).as(match.reason()).isEqualTo(Outcome.MATCH);
        assertThat(verify(recipe, PASSWORD + " ", value, salt).outcome()).isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenSha256OfSaltColumnThenMatch() {
        assertMatchesOnlyPassword(Map.of("recipe", "sha256", "salt_source", "column"),
                "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79", SALT);
        assertThat(verify(Map.of("recipe", "sha256", "salt_source", "column"), PASSWORD,
                "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79", "other").outcome())
                .isEqualTo(Outcome.MISMATCH);
    }

    @Test
    void verifyWhenMd5OfPasswordThenSaltUpperCaseHexThenMatch() {
        assertMatchesOnlyPassword(Map.of("recipe", "md5", "salt_source", "column", "salt_position", "after"),
                "756C17E3F733FA532EF8EFDC5896846F", SALT);
    }

    @Test
    void verifyWhenHexSaltAfterHashInsideValueThenMatch() {
        assertMatchesOnlyPassword(Map.of("recipe", "sha1", "salt_source", "suffix", "salt_separator", ":",
                "salt_encoding", "hex", "salt_position", "after", "hash_encoding", "base64"),
                "0BGo5FzpAWE8F6s45GqRtMT8k3A=:a1b2c3d4", null);
    }

    @Test
    void verifyWhenHmacWithPepperThenMatch() {
        assertMatchesOnlyPassword(Map.of("recipe", "hmac-sha256", "salt_source", "column", "pepper", "app-pepper"),
                "4a8ee939b6055c47bfd54d4b45b3b91286154ee3803cff35a4d19adc61b9d1fb", SALT);
    }

    @Test
    void verifyWhenHmacKeyedBySaltThenMatch() {
        assertMatchesOnlyPassword(Map.of("recipe", "hmac-sha1", "salt_source", "column", "hmac_key", "salt"),
                "734e3753f70efea44abe5c694c13f2fc155c5da8", SALT);
    }

    @Test
    void verifyWhenPbkdf2WithBase64SaltPrefixAndBase64UrlHashThenMatchAndNotWeak() {
        Map<String, String> recipe = Map.of("recipe", "pbkdf2-sha256", "iterations", "10000", "salt_source",
                "prefix", "salt_separator", "$", "salt_encoding", "base64", "hash_encoding", "base64url");
        String value = "MDEyMzQ1Njc4OWFiY2RlZg==$VqOEAUrTaAjMD6sh91JvmGtbD-YNGnXNMbfIDxgj094";

        assertMatchesOnlyPassword(recipe, value, null);
        VerificationResult result = verify(recipe, PASSWORD, value, null);
        assertThat(result.scheme()).isEqualTo(SchemeIds.RECIPE_PBKDF2);
        assertThat(result.upgradeRecommended()).isFalse();
    }

    @Test
    void verifyWhenIteratedDigestWithPepperThenMatchWeakAndCapped() {
        Map<String, String> recipe = Map.of("recipe", "sha512", "salt_source", "column", "iterations", "1000",
                "pepper", "app-pepper");
        String value = "238e07d38881e9eae938e51253c9cca73613a48e04c4b0646d214e7dd44cf24bd1fc05962fee553098de68ccb33ec3"
                + "a614d11d78da1dabaaac634839c1d39c4b";

        assertMatchesOnlyPassword(recipe, value, SALT);
        VerificationResult result = verify(recipe, PASSWORD, value, SALT);
        assertThat(result.scheme()).isEqualTo(SchemeIds.RECIPE_DIGEST);
        assertThat(result.upgradeRecommended()).as("weak").isTrue();
        LegacyPasswordVerifier capped = new LegacyPasswordVerifier(HashPolicy.allowingAll().withLimits(
                new dev.legacybridge.hash.CostLimits(999, 14, 262_144, 16, 16, 1L << 20, 1_000_000)),
                SchemeConfiguration.none().withFormat(Recipe.parse(recipe)));
        assertThat(capped.verify(PASSWORD, new StoredPassword(value, SALT)).outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    }

    @Test
    void verifyWhenRawBinaryValueThenMatchDespiteControlCharacters() {
        String raw = "\u009c\u00c2\u00ae\u008a\u001b\u00a7\u00a9=\u00a3\u009bF\u00fc\u0010\u0019\u00c4\u0081";

        assertMatchesOnlyPassword(Map.of("recipe", "md5", "hash_encoding", "raw"), raw, null);
    }

    @Test
    void verifyWhenMd5RecipeConfiguredThenPlainHexIsTheRecipesNotDjangos() {
        Map<String, String> recipe = Map.of("recipe", "md5");
        String md5 = "9cc2ae8a1ba7a93da39b46fc1019c481";

        assertThat(verify(recipe, PASSWORD, md5, null).scheme()).isEqualTo(SchemeIds.RECIPE_DIGEST);
        assertThat(new LegacyPasswordVerifier(HashPolicy.allowingAll()).verify(PASSWORD, md5).scheme())
                .isEqualTo(SchemeIds.DJANGO_UNSALTED_MD5);
    }

    @Test
    void verifyWhenRecipeConfiguredThenPrefixedValuesStillGoByPrefix() {
        Map<String, String> recipe = Map.of("recipe", "sha256", "salt_source", "column");
        String bcrypt = "$2y$04$QQOlCr1T8EOFy43YhPVYiuPOD4Lx485TTi0OOCaFnX6ftC1WKkmQG"; // vector php-bcrypt-cost4-empty

        VerificationResult result = verify(recipe, "", bcrypt, "ignored");
        assertThat(result.scheme()).isEqualTo(SchemeIds.BCRYPT);
        assertThat(result.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verify(recipe, PASSWORD, "not-a-sha256", SALT))
                .extracting(VerificationResult::scheme, VerificationResult::outcome)
                .containsExactly(SchemeIds.RECIPE_DIGEST, Outcome.MALFORMED);
    }

    @Test
    void inspectWhenDigestRecipeUnderDefaultPolicyThenNotAllowedBecauseWeak() {
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(HashPolicy.defaults(),
                SchemeConfiguration.none().withFormat(Recipe.parse(Map.of("recipe", "sha256"))));

        assertThat(verifier.inspect(StoredPassword.of("1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79"))
                .status()).isEqualTo(HashInspection.Status.NOT_ALLOWED);
    }

    @Test
    void parseWhenParametersInvalidThenAdminMessageWithoutPepper() {
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "rot13")))
                .hasMessageContaining("recipe must be one of");
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "sha1", "salt_source", "prefix")))
                .hasMessageContaining("salt_separator");
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "pbkdf2-sha256")))
                .hasMessageContaining("needs iterations");
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "hmac-sha256", "iterations", "2", "pepper", "p")))
                .hasMessageContaining("no iterations");
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "hmac-sha256")))
                .hasMessageContaining("needs a key");
        assertThatThrownBy(() -> Recipe.parse(Map.of("recipe", "md5", "pepper", "s3cr3t-pepper", "colour", "red")))
                .hasMessageContaining("unknown parameter colour")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pepper"));
        assertThat(Recipe.parse(Map.of("recipe", "md5", "pepper", "s3cr3t-pepper")).toString())
                .doesNotContain("s3cr3t-pepper");
    }

    @Test
    void describeWhenParsedAgainThenSameRecipe() {
        Recipe recipe = Recipe.parse(Map.of("recipe", "PBKDF2-SHA512", "iterations", "20000", "salt_source", "column",
                "salt_encoding", "hex", "hash_encoding", "base64", "key_length", "32"));

        assertThat(Recipe.parse(recipe.describe()).describe()).isEqualTo(recipe.describe());
        assertThat(recipe.describe()).containsEntry("recipe", "pbkdf2-sha512").containsEntry("key_length", "32");
    }
}
