package dev.legacybridge.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.HashCensus.Status;
import org.junit.jupiter.api.Test;

/**
 * The audit's hash classification, shared by {@code legacy-hash audit} and the provider's migration page: every status,
 * the weak flag per scheme, and upgrade recommendations counted for usable values only.
 */
class HashCensusTest {

    private static final String BCRYPT_4 = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK";
    private static final String BCRYPT_TRUNCATED = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAw";
    private static final String UNSALTED_MD5 = "5ebe2294ecd0e0f08eab7690d2a6ee69";
    private static final String PBKDF2_1000 =
            "pbkdf2_sha256$1000$CfsGpJs7ajURjNxwJYUG5w$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=";

    @Test
    void addWhenEveryKindOfValueThenCountedByStatusAndScheme() {
        HashCensus census = new HashCensus(new LegacyPasswordVerifier(HashPolicy.defaults()));

        census.add(BCRYPT_4);
        census.add(BCRYPT_4);
        census.add(BCRYPT_TRUNCATED);
        census.add(PBKDF2_1000);
        census.add(UNSALTED_MD5);           // weak: not in the default policy
        census.add("!unusable-django-password");
        census.add((String) null);
        census.add("");
        census.add("no-known-format");

        assertThat(census.rows()).isEqualTo(9);
        assertThat(census.count(Status.USABLE)).isEqualTo(3);
        assertThat(census.count(Status.MALFORMED)).isEqualTo(1);
        assertThat(census.count(Status.NOT_ALLOWED)).isEqualTo(1);
        assertThat(census.count(Status.UNUSABLE)).isEqualTo(1);
        assertThat(census.count(Status.NO_PASSWORD)).isEqualTo(2);
        assertThat(census.count(Status.UNSUPPORTED)).isEqualTo(1);

        HashCensus.SchemeCount bcrypt = census.schemes().get(SchemeIds.BCRYPT);
        assertThat(bcrypt.rows()).isEqualTo(3);
        assertThat(bcrypt.count(Status.USABLE)).isEqualTo(2);
        assertThat(bcrypt.count(Status.MALFORMED)).isEqualTo(1);
        assertThat(bcrypt.weak()).isFalse();
        assertThat(census.schemes().get(SchemeIds.EMPTY).count(Status.NO_PASSWORD)).isEqualTo(2);
        HashCensus.SchemeCount md5 = census.schemes().values().stream()
                .filter(s -> s.count(Status.NOT_ALLOWED) == 1).findFirst().orElseThrow();
        assertThat(md5.weak()).as(md5.scheme()).isTrue();
        assertThat(census.schemes().values().stream().mapToLong(HashCensus.SchemeCount::rows).sum()).isEqualTo(9);
    }

    @Test
    void addWhenUsableValueBelowUpgradeTargetThenUpgradeRecommendedCounted() {
        HashPolicy policy = HashPolicy.allowingAll();
        HashCensus census = new HashCensus(new LegacyPasswordVerifier(policy));

        HashCensus.Classification weak = census.add(UNSALTED_MD5);
        HashCensus.Classification strong = census.add(BCRYPT_4);

        assertThat(weak.status()).isEqualTo(Status.USABLE);
        assertThat(weak.upgradeRecommended()).isTrue();
        assertThat(strong.upgradeRecommended()).isFalse();
        assertThat(census.upgradeRecommended()).isEqualTo(1);
    }

    @Test
    void classifyWhenMalformedThenReasonNamesNoPartOfTheValue() {
        HashCensus.Classification c = HashCensus.classify(new LegacyPasswordVerifier(HashPolicy.defaults()),
                BCRYPT_TRUNCATED);

        assertThat(c.status()).isEqualTo(Status.MALFORMED);
        assertThat(c.reason()).doesNotContain("iS3exuvDjsnGLdIwTsjzK");
    }

    @Test
    void addWhenSaltColumnRecipeThenCountedUnderTheRecipe() {
        HashCensus census = new HashCensus(new LegacyPasswordVerifier(HashPolicy.allowingAll(),
                SchemeConfiguration.none().withFormat(dev.legacybridge.hash.recipe.Recipe.parse(
                        java.util.Map.of("recipe", "sha256", "salt_source", "column")))));
        String sha256Hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

        HashCensus.Classification withSalt = census.add(new StoredPassword(sha256Hex, "pepper-salt"));

        assertThat(withSalt.status()).as(withSalt.reason()).isEqualTo(Status.USABLE);
        assertThat(withSalt.scheme()).isEqualTo(SchemeIds.RECIPE_DIGEST);
        assertThat(withSalt.reason()).doesNotContain(sha256Hex).doesNotContain("pepper-salt");
        assertThat(census.schemes()).containsOnlyKeys(SchemeIds.RECIPE_DIGEST);
    }
}
