package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void resolveWhenOneSourceThenItsValue() throws Exception {
        Path lf = Files.writeString(dir.resolve("lf"), "pa ss\n");
        Path crlf = Files.writeString(dir.resolve("crlf"), "pa ss\r\n");
        Path two = Files.writeString(dir.resolve("two"), "pa ss\n\n");
        Path none = Files.writeString(dir.resolve("none"), " pa ss ");

        assertThat(Secrets.resolve("--password", "lit", null, null, Map.of())).isEqualTo("lit");
        assertThat(Secrets.resolve("--password", null, "PW", null, Map.of("PW", "from env"))).isEqualTo("from env");
        assertThat(Secrets.resolve("--password", null, null, lf, Map.of())).isEqualTo("pa ss");
        assertThat(Secrets.resolve("--password", null, null, crlf, Map.of())).isEqualTo("pa ss");
        assertThat(Secrets.resolve("--password", null, null, two, Map.of())).as("only one newline removed").isEqualTo("pa ss\n");
        assertThat(Secrets.resolve("--password", null, null, none, Map.of())).isEqualTo(" pa ss ");
        assertThat(Secrets.resolve("--password", null, null, null, Map.of())).isNull();
    }

    @Test
    void resolveWhenAmbiguousMissingOrBadThenUsageErrorWithoutTheValue() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1"), new byte[] {'p', (byte) 0xe9});
        Path big = Files.write(dir.resolve("big"), new byte[Secrets.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> Secrets.resolve("--password", "hunter2", "PW", null, Map.of("PW", "x")))
                .isInstanceOf(UsageException.class).hasMessage("give only one of --password, --password-env and --password-file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> Secrets.resolve("--client-secret", null, "NOPE", null, Map.of()))
                .hasMessage("--client-secret-env: environment variable NOPE is not set");
        assertThatThrownBy(() -> Secrets.resolve("--password", null, null, dir.resolve("missing"), Map.of()))
                .hasMessageStartingWith("--password-file: cannot read ");
        assertThatThrownBy(() -> Secrets.resolve("--password", null, null, latin1, Map.of()))
                .hasMessageEndingWith(" is not valid UTF-8");
        assertThatThrownBy(() -> Secrets.resolve("--password", null, null, big, Map.of()))
                .hasMessageEndingWith(" is longer than 65536 bytes");
    }
}
