package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code legacy-hash identify}: schemes and recipes found from one known password, never quoting it. */
class IdentifyCommandTest {

    @Test
    void identifyWhenSelfDescribingSchemeThenItsIdAndExit0() {
        CliRun run = CliRun.run("password\n", "identify", "$H$B95wiZt908dPb/Jj3QTwSZEpH4ZuWO/");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("phpass: phpass portable hash");
    }

    @Test
    void identifyWhenSaltedDigestWithSaltColumnThenRecipeSettingsPrinted() {
        CliRun run = CliRun.run("correct horse battery staple\n", "identify", "--salt", "Xq3!salt",
                "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("recipe_digest: ")
                .contains("--param recipe=sha256 --param salt_source=column --param salt_position=before "
                        + "--param salt_encoding=text --param hash_encoding=hex")
                .doesNotContain("Xq3!salt").doesNotContain("1bce93d8d10ea62a");
    }

    @Test
    void identifyWhenPepperedHmacThenFoundWithPepperHidden() {
        CliRun run = CliRun.run("correct horse battery staple\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("APP_PEPPER", "app-pepper"), false, "identify", "--salt", "Xq3!salt", "--pepper-env",
                "APP_PEPPER", "4a8ee939b6055c47bfd54d4b45b3b91286154ee3803cff35a4d19adc61b9d1fb");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("--param recipe=hmac-sha256", "--param pepper=<secret>", "--param hmac_key=pepper")
                .doesNotContain("app-pepper");
    }

    @Test
    void identifyWhenPbkdf2SaltInsideValueThenFound() {
        CliRun run = CliRun.run("correct horse battery staple\n", "identify",
                "MDEyMzQ1Njc4OWFiY2RlZg==$VqOEAUrTaAjMD6sh91JvmGtbD-YNGnXNMbfIDxgj094");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("recipe_pbkdf2: ").contains("--param recipe=pbkdf2-sha256",
                "--param salt_source=prefix", "--param salt_separator=$", "--param salt_encoding=base64",
                "--param hash_encoding=base64url", "--param iterations=10000");
    }

    @Test
    void identifyWhenSpringPbkdf2WrittenWithV58SettingsThenSettingsPrinted() {
        CliRun run = CliRun.run("password\n", "identify", "{pbkdf2}79175e6f2d0c183d8aecc43d6456ae8005cc410356341cd68"
                + "32c029e446976a2bf05d8186e2325b302e8f3229a9d854b");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("spring_delegating: ").contains("--param delegating_id=pbkdf2",
                "algorithm=PBKDF2WithHmacSHA256", "iterations=310000");
    }

    @Test
    void identifyWhenNothingReproducesThenExit1() {
        CliRun run = CliRun.run("wrong\n", "identify", "--salt", "Xq3!salt",
                "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("no scheme or recipe reproduces the value");
    }
}
