package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashCommandTest {

    @Test
    void hashWhenBcryptThenVerifiableByVerifyCommand() {
        CliRun hash = CliRun.run("s\u00e9cret\n", "hash", "--scheme", "bcrypt", "--cost", "4");

        assertThat(hash.exitCode()).isZero();
        assertThat(hash.out()).matches("\\$2b\\$04\\$[./A-Za-z0-9]{53}\n");
        String stored = hash.out().trim();
        assertThat(CliRun.run("s\u00e9cret\n", "verify", stored).exitCode()).isZero();
        assertThat(CliRun.run("se\u0301cret\n", "verify", stored).exitCode()).isEqualTo(1);
    }

    @Test
    void hashWhenAliasesThenCanonicalFormats() {
        assertThat(CliRun.run("secret\n", "hash", "--scheme", "pbkdf2_sha256", "--cost", "1000").out())
                .matches("pbkdf2_sha256\\$1000\\$[A-Za-z0-9]{22}\\$[A-Za-z0-9+/]{43}=\n");
        assertThat(CliRun.run("secret\n", "hash", "--scheme", "django_pbkdf2_sha256", "--cost", "1000").exitCode())
                .isZero();
        assertThat(CliRun.run("secret\n", "hash", "--scheme", "argon2", "--cost", "1").out())
                .startsWith("argon2$argon2id$v=19$m=102400,t=1,p=8$");
    }

    @Test
    void hashWhenNoCostThenSchemeDefault() {
        String stored = CliRun.run("secret\n", "hash", "--scheme", "django_argon2").out().trim();

        assertThat(stored).startsWith("argon2$argon2id$v=19$m=102400,t=2,p=8$");
        assertThat(CliRun.run("secret\n", "verify", stored).out()).isEqualTo("match (django_argon2)\n");
    }

    @Test
    void hashWhenBadSchemeCostOrInputThenExit64() {
        String[][] bad = {
            {"hash"},
            {"hash", "--scheme", "md5"},
            {"hash", "--scheme", "bcrypt", "--cost", "3"},
            {"hash", "--scheme", "bcrypt", "--cost", "x"},
            {"hash", "--scheme", "pbkdf2_sha256", "--cost", "0"}};
        for (String[] args : bad) {
            CliRun run = CliRun.run("secret\n", args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(64);
            assertThat(run.err().lines().count()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(CliRun.run(new byte[] {(byte) 0xC0, (byte) 0x80}, "hash", "--scheme", "bcrypt").exitCode())
                .isEqualTo(64);
        assertThat(CliRun.run("se\0cret\n", "hash", "--scheme", "bcrypt", "--cost", "4").exitCode()).isEqualTo(64);
    }
}
