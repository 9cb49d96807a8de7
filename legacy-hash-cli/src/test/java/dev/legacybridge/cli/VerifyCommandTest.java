package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    static final String BCRYPT_4 = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK"; // "secret"
    static final String BCRYPT_5 = "bcrypt$$2b$05$1kGGgovTxJE0oMJkeZCKPOEC5OBajT39gD9qHEvy6j9EepaWdTkYC";
    static final String DJANGO_MD5 = "md5$gP3wqPbKJQsIHXU229Y77h$64bdc5512eebb468081c909ffccbbf87"; // "secret"
    static final String PBKDF2_1000 =
            "pbkdf2_sha256$1000$CfsGpJs7ajURjNxwJYUG5w$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8="; // "hash$secret:42"

    @Test
    void verifyWhenPasswordMatchesThenExit0AndOneLine() {
        CliRun run = CliRun.run("secret\n", "verify", BCRYPT_4);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("match (bcrypt)\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void verifyWhenPasswordWrongThenExit1() {
        CliRun run = CliRun.run("Secret\n", "verify", BCRYPT_4);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("mismatch (bcrypt)\n");
    }

    @Test
    void verifyWhenStdinHasOneTrailingNewlineThenOnlyThatIsStripped() {
        assertThat(CliRun.run("secret", "verify", BCRYPT_4).exitCode()).isZero();
        assertThat(CliRun.run("secret\n", "verify", BCRYPT_4).exitCode()).isZero();
        assertThat(CliRun.run("secret\n\n", "verify", BCRYPT_4).exitCode()).isEqualTo(1);
        assertThat(CliRun.run("secret\r\n", "verify", BCRYPT_4).exitCode()).isEqualTo(1);
        assertThat(CliRun.run(" secret\n", "verify", BCRYPT_4).exitCode()).isEqualTo(1);
        assertThat(CliRun.run("hash$secret:42\n", "verify", PBKDF2_1000).exitCode()).isZero();
    }

    @Test
    void verifyWhenStdinNotUtf8ThenExit64WithOneLineAndNoOutput() {
        CliRun run = CliRun.run(new byte[] {'s', (byte) 0xC3, '\n'}, "verify", BCRYPT_4);

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("legacy-hash verify: standard input is not valid UTF-8\n");
    }

    @Test
    void verifyWhenStdinIsEncodedSurrogateThenExit64() {
        byte[] cesu = "\uD83D\uDD11".getBytes(java.nio.charset.Charset.forName("CESU-8"));

        assertThat(CliRun.run(cesu, "verify", BCRYPT_4).exitCode()).isEqualTo(64);
    }

    @Test
    void verifyWhenMalformedOrUnknownThenExit2WithReason() {
        CliRun malformed = CliRun.run("secret\n", "verify", "pbkdf2_sha256$0$salt$AAAA");
        CliRun unknown = CliRun.run("secret\n", "verify", "pbkdf3_sha256$1000$salt$AAAA");
        CliRun empty = CliRun.run("secret\n", "verify", "");

        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.out()).isEqualTo("malformed (django_pbkdf2_sha256): pbkdf2 iterations must be at least 1\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.out()).startsWith("unsupported (unknown)");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.out()).startsWith("unsupported (empty)");
    }

    @Test
    void verifyWhenWeakSchemeWithoutOptInThenNotAllowedExit2() {
        CliRun run = CliRun.run("secret\n", "verify", DJANGO_MD5);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).startsWith("not_allowed (django_md5)");
    }

    @Test
    void verifyWhenAllowWeakThenMatchWithUpgradeRecommended() {
        CliRun run = CliRun.run("secret\n", "verify", "--allow-weak", DJANGO_MD5);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("match (django_md5), upgrade recommended\n");
    }

    @Test
    void verifyWhenAllowListGivenThenOnlyThoseSchemes() {
        assertThat(CliRun.run("secret\n", "verify", "--allow", "django_pbkdf2_sha256,django_argon2", BCRYPT_4)
                .exitCode()).isEqualTo(2);
        assertThat(CliRun.run("secret\n", "verify", "--allow", "bcrypt", BCRYPT_4).exitCode()).isZero();
        assertThat(CliRun.run("secret\n", "verify", "--allow", "bcrypt", "--allow", "django_md5", DJANGO_MD5)
                .exitCode()).isZero();
    }

    @Test
    void verifyWhenCostAboveCapFlagThenNotAllowed() {
        CliRun run = CliRun.run("correct horse battery staple\n", "verify", "--max-bcrypt-cost", "4", BCRYPT_5);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEqualTo("not_allowed (django_bcrypt): bcrypt cost 5 above the limit 4\n");
        assertThat(CliRun.run("hash$secret:42\n", "verify", "--max-pbkdf2-iterations", "999", PBKDF2_1000).exitCode())
                .isEqualTo(2);
        for (String[] flag : new String[][] {{"--max-argon2-memory-kib", "100000"}, {"--max-argon2-iterations", "1000"},
            {"--max-argon2-parallelism", "255"}, {"--max-scrypt-nrp", "100000"}, {"--max-sha-crypt-rounds", "100000"},
            {"--max-phpass-cost", "30"}, {"--max-drupal7-cost", "7"}}) {
            assertThat(CliRun.run("secret\n", "verify", flag[0], flag[1], BCRYPT_4).exitCode()).as(flag[0]).isZero();
        }
    }

    @Test
    void verifyWhenCapOutsideTheProvidersRangeThenUsageErrorNamingTheFlag() {
        CliRun run = CliRun.run("secret\n", "verify", "--max-argon2-iterations", "100000", "--max-phpass-cost", "31",
                "--allow", "rot13", BCRYPT_4);

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--max-argon2-iterations must be between 1 and 1000, got 100000",
                "--max-phpass-cost must be between 7 and 30, got 31", "--allow: unknown scheme 'rot13'");
    }

    @Test
    void verifyWhenUpgradeTargetThenMatchReportsUpgrade() {
        assertThat(CliRun.run("secret\n", "verify", "--upgrade-target", "bcrypt:12", BCRYPT_4).out())
                .isEqualTo("match (bcrypt), upgrade recommended\n");
        assertThat(CliRun.run("secret\n", "verify", "--upgrade-target", "bcrypt:4", BCRYPT_4).out())
                .isEqualTo("match (bcrypt)\n");
    }

    @Test
    void verifyWhenUsageErrorThenExit64AndOneLineWithoutStackTrace() {
        String[][] bad = {
            {"verify"},
            {"verify", "--jsonl", BCRYPT_4},
            {"verify", "--bogus", BCRYPT_4},
            {"verify", "--allow", "nope", BCRYPT_4},
            {"verify", "--max-bcrypt-cost", "3", BCRYPT_4},
            {"verify", "--max-bcrypt-cost", "many", BCRYPT_4},
            {"verify", "--max-pbkdf2-iterations", "-1", BCRYPT_4},
            {"verify", "--upgrade-target", "md5", BCRYPT_4},
            {"verify", "--upgrade-target", "bcrypt:x", BCRYPT_4},
            {"verify", BCRYPT_4, "extra"},
            {},
            {"nope"}};
        for (String[] args : bad) {
            CliRun run = CliRun.run("secret\n", args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(64);
            assertThat(run.out()).as(String.join(" ", args)).isEmpty();
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("legacy-hash").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void verifyWhenAnyResultThenPasswordAndHashNeverPrinted() {
        for (String hash : new String[] {BCRYPT_4, DJANGO_MD5, "pbkdf2_sha256$1$saltsaltsalt$!!!!"}) {
            CliRun run = CliRun.run("correcthorse\n", "verify", hash);

            assertThat(run.out() + run.err()).doesNotContain("correcthorse").doesNotContain(hash)
                    .doesNotContain("saltsaltsalt");
        }
    }

    @Test
    void verifyWhenPasswordOnStdinIsHugeThenExit64() {
        byte[] huge = new byte[StdinPassword.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');

        assertThat(CliRun.run(huge, "verify", BCRYPT_4).exitCode()).isEqualTo(64);
        assertThat(CliRun.run("a".repeat(5000).getBytes(StandardCharsets.UTF_8), "verify", BCRYPT_4).exitCode())
                .as("too long to hash, but a password: a mismatch").isEqualTo(1);
    }
}
