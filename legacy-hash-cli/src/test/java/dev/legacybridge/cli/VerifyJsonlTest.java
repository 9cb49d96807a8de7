package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static dev.legacybridge.cli.VerifyCommandTest.BCRYPT_4;
import static dev.legacybridge.cli.VerifyCommandTest.DJANGO_MD5;
import static org.assertj.core.api.Assertions.assertThat;

class VerifyJsonlTest {

    private static String line(String password, String hash) {
        return "{\"password\": " + Json.quote(password) + ", \"hash\": " + Json.quote(hash) + "}\n";
    }

    @Test
    void verifyJsonlWhenPairsThenOneResultLinePerInputLineInOrder() {
        String input = line("secret", BCRYPT_4) + line("wrong", BCRYPT_4) + line("secret", DJANGO_MD5)
                + line("secret", "pbkdf2_sha256$0$salt$AAAA") + line("secret", "nonsense") + line("secret", "");

        CliRun run = CliRun.run(input, "verify", "--jsonl");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"match\",\"scheme\":\"bcrypt\",\"upgrade\":false,\"reason\":\"match\"}",
                "{\"result\":\"mismatch\",\"scheme\":\"bcrypt\",\"upgrade\":false,\"reason\":\"password does not match\"}",
                "{\"result\":\"not_allowed\",\"scheme\":\"django_md5\",\"upgrade\":false,"
                        + "\"reason\":\"scheme django_md5 is not allowed by the policy\"}",
                "{\"result\":\"malformed\",\"scheme\":\"django_pbkdf2_sha256\",\"upgrade\":false,"
                        + "\"reason\":\"pbkdf2 iterations must be at least 1\"}",
                "{\"result\":\"unsupported\",\"scheme\":\"unknown\",\"upgrade\":false,"
                        + "\"reason\":\"no supported scheme recognises the value\"}",
                "{\"result\":\"unsupported\",\"scheme\":\"empty\",\"upgrade\":false,\"reason\":\"stored value is empty\"}");
    }

    @Test
    void verifyJsonlWhenPolicyFlagsThenAppliedAndUpgradeReported() {
        CliRun run = CliRun.run(line("secret", DJANGO_MD5) + line("secret", BCRYPT_4), "verify", "--jsonl",
                "--allow-weak", "--upgrade-target", "bcrypt:10");

        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"match\",\"scheme\":\"django_md5\",\"upgrade\":true,\"reason\":\"match; re-encoding recommended\"}",
                "{\"result\":\"match\",\"scheme\":\"bcrypt\",\"upgrade\":true,\"reason\":\"match; re-encoding recommended\"}");
    }

    @Test
    void verifyJsonlWhenLinesAreNotPairsThenErrorLinesAndProcessingContinues() {
        String input = "not json\n"
                + "\n"
                + "[1, 2]\n"
                + "{\"password\": \"secret\"}\n"
                + "{\"password\": null, \"hash\": \"x\"}\n"
                + "{\"password\": \"a\", \"hash\": \"b\", \"password\": \"c\"}\n"
                + "{\"password\": \"a\", \"hash\": \"b\"} trailing\n"
                + "{\"password\": \"hunter2zz}\n"
                + line("secret", BCRYPT_4);

        CliRun run = CliRun.run(input, "verify", "--jsonl");

        String[] lines = run.outLines();
        assertThat(run.exitCode()).isZero();
        assertThat(lines).hasSize(9);
        for (int i = 0; i < 8; i++) {
            assertThat(lines[i]).startsWith("{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,"
                    + "\"error\":\"line " + (i + 1) + ": ");
        }
        assertThat(lines[8]).startsWith("{\"result\":\"match\"");
        assertThat(run.out()).doesNotContain("secret").doesNotContain("hunter2zz").doesNotContain("trailing");
    }

    @Test
    void verifyJsonlWhenPasswordOrHashIsANumberThenErrorLineNotAVerification() {
        CliRun run = CliRun.run("{\"password\": 123, \"hash\": \"md5$x$00\"}\n{\"password\": \"a\", \"hash\": 1e3}\n",
                "verify", "--jsonl");

        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,"
                        + "\"error\":\"line 1: \\\"password\\\" and \\\"hash\\\" must both be strings\"}",
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,"
                        + "\"error\":\"line 2: \\\"password\\\" and \\\"hash\\\" must both be strings\"}");
    }

    @Test
    void verifyJsonlWhenLastLineHasNoNewlineOrCrlfEndingsThenStillOneResultEach() {
        String input = line("secret", BCRYPT_4).replace("\n", "\r\n") + line("secret", BCRYPT_4).trim();

        CliRun run = CliRun.run(input, "verify", "--jsonl");

        assertThat(run.outLines()).hasSize(2).allMatch(l -> l.startsWith("{\"result\":\"match\""));
    }

    @Test
    void verifyJsonlWhenEscapesAndUnicodeThenDecodedExactly() {
        String input = "{\"hash\": \"pbkdf2_sha256$1000$CfsGpJs7ajURjNxwJYUG5w$ET+rEhMevuIf0WROj8YoqB6OlBxui0wOEynFxesD+f8=\","
                + " \"password\": \"hash\\u0024secret:42\"}\n"
                + "{\"password\": \"s\\u00e9cret\", \"hash\": \"$2a$04$bIqDGWQwh3nNwPaT3LGvGuXa8fe7q8HHD8jfyvIE1bfE0wF.dirFy\"}\n"
                + "{\"password\": \"se\\u0301cret\", \"hash\": \"$2a$04$bIqDGWQwh3nNwPaT3LGvGuXa8fe7q8HHD8jfyvIE1bfE0wF.dirFy\"}\n"
                + "{\"password\": \"\\ud800\", \"hash\": \"" + BCRYPT_4 + "\"}\n";

        CliRun run = CliRun.run(input, "verify", "--jsonl");

        assertThat(run.outLines()).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly(
                "{\"result\":\"match\"", "{\"result\":\"match\"", "{\"result\":\"mismatch\"", "{\"result\":\"mismatch\"");
    }

    @Test
    void verifyJsonlWhenLineTooLongOrNotUtf8ThenErrorLineAndNextLineProcessed() {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        byte[] longLine = ("{\"password\": \"" + "a".repeat(VerifyCommand.MAX_LINE_BYTES) + "\", \"hash\": \"x\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        input.writeBytes(longLine);
        input.writeBytes(new byte[] {'{', (byte) 0xFF, '}', '\n'});
        input.writeBytes(line("secret", BCRYPT_4).getBytes(StandardCharsets.UTF_8));

        CliRun run = CliRun.run(input.toByteArray(), "verify", "--jsonl");

        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,"
                        + "\"error\":\"line 1: line longer than 65536 bytes\"}",
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,\"error\":\"line 2: not valid UTF-8\"}",
                "{\"result\":\"match\",\"scheme\":\"bcrypt\",\"upgrade\":false,\"reason\":\"match\"}");
    }

    @Test
    void verifyJsonlWhenManyLinesThenStreamedOneForOne() {
        StringBuilder input = new StringBuilder();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            input.append(line("p" + i, "unknown-format-" + i));
        }

        CliRun run = CliRun.run(input.toString(), "verify", "--jsonl");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).hasSize(n);
    }

    @Test
    void verifyJsonlWhenEmptyInputThenNoOutputAndExit0() {
        CliRun run = CliRun.run("", "verify", "--jsonl");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verifyJsonlWhenLineHasParamsThenThatLineIsConfiguredAndOthersAreNot() {
        String firebase = "{\"password\": \"password\", \"hash\": \"8GDUsEE9k1/AIBOKUnvhFBuf317QU2/WvYJzm3bwgKblBDfUgAIlb"
                + "x+30P8BQ9SZ6GA7xjFfVsU3UG2wnNGAiw==\", \"params\": {\"base64_signer_key\": \"x9Yc0O6uQdJ2oJmB7r5n8Rk3Tq0m"
                + "Wc1YzL4sAeHfPgVbN2iK6uD8wZtE1yXjR5aQo3LhCv7MdGs9FkU0pIeBnw==\", \"base64_salt_separator\": \"Bw==\", "
                + "\"rounds\": 8, \"mem_cost\": 14, \"base64_salt\": \"w5JtaReTgyO7yVbn\"}}\n";
        String recipe = "{\"password\": \"correct horse battery staple\", \"hash\": \"1bce93d8d10ea62a2d2cbee7e66537dcbb1f9"
                + "60f548a7840b779799a4131ee79\", \"params\": {\"recipe\": \"sha256\", \"salt_source\": \"column\", "
                + "\"salt\": \"Xq3!salt\"}}\n";
        String without = "{\"password\": \"correct horse battery staple\", \"hash\": \"1bce93d8d10ea62a2d2cbee7e66537dcbb1f9"
                + "60f548a7840b779799a4131ee79\"}\n";

        CliRun run = CliRun.run(firebase + recipe + without, "verify", "--jsonl", "--allow-weak");

        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"match\",\"scheme\":\"firebase_scrypt\",\"upgrade\":false,\"reason\":\"match\"}",
                "{\"result\":\"match\",\"scheme\":\"recipe_digest\",\"upgrade\":true,"
                        + "\"reason\":\"match; re-encoding recommended\"}",
                "{\"result\":\"unsupported\",\"scheme\":\"unknown\",\"upgrade\":false,"
                        + "\"reason\":\"no supported scheme recognises the value\"}");
        assertThat(run.out()).doesNotContain("Xq3!salt").doesNotContain("x9Yc0O6uQdJ2");
    }

    @Test
    void verifyJsonlWhenParamsUnusableThenErrorLineNamingTheProblem() {
        String input = "{\"password\": \"a\", \"hash\": \"b\", \"params\": [1]}\n"
                + "{\"password\": \"a\", \"hash\": \"b\", \"params\": {\"rounds\": true}}\n"
                + "{\"password\": \"a\", \"hash\": \"b\", \"params\": {\"recipe\": \"rot13\"}}\n"
                + "{\"password\": \"a\", \"hash\": \"{bcrypt}x\", \"params\": {\"iterations\": 3}}\n";

        CliRun run = CliRun.run(input, "verify", "--jsonl");

        assertThat(run.outLines()).containsExactly(
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,\"error\":\"line 1: \\\"params\\\" must "
                        + "be an object\"}",
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,\"error\":\"line 2: \\\"params\\\" "
                        + "values must be strings or numbers\"}",
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,\"error\":\"line 3: params: recipe: "
                        + "recipe must be one of md5, sha1, sha224, sha256, sha384, sha512, hmac-md5, hmac-sha1, hmac-sha256, "
                        + "hmac-sha384, hmac-sha512, pbkdf2-sha1, pbkdf2-sha256, pbkdf2-sha512\"}",
                "{\"result\":\"malformed\",\"scheme\":\"unknown\",\"upgrade\":false,\"error\":\"line 4: params: Spring "
                        + "encoder {bcrypt} has no setting iterations\"}");
    }

    @Test
    void verifyWhenSaltAndParamGivenThenOneHashOfARecipeVerified() {
        CliRun run = CliRun.run("correct horse battery staple\n", "verify", "--allow", "recipe_digest", "--param",
                "recipe=sha256", "--param", "salt_source=column", "--salt", "Xq3!salt",
                "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("match (recipe_digest), upgrade recommended\n");
        assertThat(CliRun.run("x\n", "verify", "--param", "recipe=rot13", "abc").err())
                .contains("--param: recipe: recipe must be one of");
    }
}
