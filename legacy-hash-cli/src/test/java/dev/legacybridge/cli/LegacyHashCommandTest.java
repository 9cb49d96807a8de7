package dev.legacybridge.cli;

import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.SchemeInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyHashCommandTest {

    @Test
    void schemesWhenListedThenEverySchemeWithPrefixEncodableAndWeak() {
        CliRun run = CliRun.run("", "schemes");

        assertThat(run.exitCode()).isZero();
        String[] lines = run.outLines();
        assertThat(lines[0]).matches("SCHEME +PREFIX +ENCODABLE +WEAK +DESCRIPTION");
        assertThat(lines[LegacyPasswordVerifier.schemes().size() + 1]).isEmpty();
        assertThat(lines[LegacyPasswordVerifier.schemes().size() + 2]).startsWith("Families");
        assertThat(run.out()).containsPattern("(?m)^  php_password_hash +bcrypt, argon2$");
        for (SchemeInfo info : LegacyPasswordVerifier.schemes()) {
            assertThat(run.out()).containsPattern("(?m)^" + info.id() + " +" + java.util.regex.Pattern.quote(info.prefix())
                    + " +" + (info.encodable() ? "yes" : "no") + " +" + (info.weak() ? "yes" : "no") + " ");
        }
    }

    @Test
    void helpWhenRequestedForCommandAndEachSubcommandThenUsageAndExit0() {
        for (String[] args : new String[][] {{"--help"}, {"verify", "--help"}, {"hash", "--help"}, {"schemes", "--help"},
            {"identify", "--help"}, {"audit", "--help"}, {"migrate", "--help"}, {"-h"}}) {
            CliRun run = CliRun.run("", args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).startsWith("Usage: legacy-hash");
        }
        assertThat(CliRun.run("", "--help").out()).contains("verify", "hash", "schemes", "audit", "migrate",
                "Exit codes:");
        assertThat(CliRun.run("", "verify", "--help").out()).contains("--jsonl", "--allow-weak", "--upgrade-target",
                "--max-pbkdf2-iterations", "--max-bcrypt-cost", "--max-argon2-memory-kib", "--max-argon2-iterations",
                "--max-argon2-parallelism", "--max-scrypt-nrp", "--max-sha-crypt-rounds");
    }

    @Test
    void versionWhenRequestedThenOneLineAndExit0() {
        CliRun run = CliRun.run("", "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("legacy-hash ");
        assertThat(run.outLines()).hasSize(1);
    }

    @Test
    void runWhenNoSubcommandThenExit64() {
        CliRun run = CliRun.run("", new String[0]);

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).isEqualTo("legacy-hash: a subcommand is required: verify, hash, schemes, audit or "
                + "migrate (see legacy-hash --help)\n");
    }
}
