package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationStateTest {

    private static final Instant T0 = Instant.parse("2025-01-31T09:15:00Z");

    @TempDir
    Path dir;

    @Test
    void applyWhenBatchesThenTotalsAddUpCursorMovesAndFailuresAreKeptOncePerId() {
        MigrationState state = MigrationState.start("http://kc", "acme", "c-1", "legacy", 1200, T0);

        state.apply(500, 497, 2, 1, List.of(new MigrationState.Failure("24", "malformed")), "500", false,
                T0.plusSeconds(1));
        state.apply(500, 499, 0, 1, List.of(new MigrationState.Failure("24", "again"),
                new MigrationState.Failure("600", "refused")), "1000", false, T0.plusSeconds(2));

        assertThat(state.processed).isEqualTo(1000);
        assertThat(state.imported).isEqualTo(996);
        assertThat(state.skipped).isEqualTo(2);
        assertThat(state.failed).isEqualTo(2);
        assertThat(state.failures).containsExactly(new MigrationState.Failure("24", "malformed"),
                new MigrationState.Failure("600", "refused"));
        assertThat(state.cursor).isEqualTo("1000");
        assertThat(state.done).isFalse();
        assertThat(state.updatedAt).isEqualTo("2025-01-31T09:15:02Z");
        assertThat(state.undescribedFailures()).isZero();
    }

    @Test
    void applyWhenMoreFailuresThanKeptThenCountedButNotDescribed() {
        MigrationState state = MigrationState.start("http://kc", "acme", "c-1", "legacy", 5000, T0);

        state.apply(5000, 0, 0, 1500, IntStream.range(0, 1500)
                .mapToObj(i -> new MigrationState.Failure(String.valueOf(i), "r")).toList(), "5000", true, T0);

        assertThat(state.failures).hasSize(MigrationState.MAX_FAILURES);
        assertThat(state.undescribedFailures()).isEqualTo(500);
    }

    @Test
    void writeWhenReadBackThenSameStateAndNoTemporaryFilesLeft() throws Exception {
        MigrationState state = MigrationState.start("https://sso.example.com", "acme", "c-1", "legacy \"db\"", 1200, T0);
        state.apply(500, 499, 0, 1, List.of(new MigrationState.Failure("24", "password hash malformed: \"x\"")), "500",
                false, T0.plusSeconds(3));
        Path file = dir.resolve("state.json");

        state.write(file);
        state.apply(700, 700, 0, 0, List.of(), "1200", true, T0.plusSeconds(4));
        state.write(file);
        MigrationState back = MigrationState.read(file);

        assertThat(back.toJson()).isEqualTo(state.toJson());
        assertThat(back.done).isTrue();
        assertThat(back.cursor).isEqualTo("1200");
        assertThat(back.processed).isEqualTo(1200);
        assertThat(back.failures).containsExactly(new MigrationState.Failure("24", "password hash malformed: \"x\""));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
        assertThat(Files.readString(file)).startsWith("{\n  \"format\": \"legacy-hash-migrate-state/1\",\n"
                + "  \"keycloakUrl\": \"https://sso.example.com\",\n");
    }

    @Test
    void writeWhenStartedThenCursorIsNullUntilTheFirstBatch() throws Exception {
        Path file = dir.resolve("s");
        MigrationState.start("http://kc", "r", "c", "n", 0, T0).write(file);

        MigrationState back = MigrationState.read(file);

        assertThat(back.cursor).isNull();
        assertThat(back.done).isFalse();
        assertThat(Files.readString(file)).contains("\"cursor\": null");
    }

    @Test
    void readWhenNotAStateFileThenUsageErrorNamingIt() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage"), "not json");
        Path other = Files.writeString(dir.resolve("other"), "{\"format\": \"something-else/1\"}");

        assertThatThrownBy(() -> MigrationState.read(garbage)).isInstanceOf(UsageException.class)
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> MigrationState.read(other)).isInstanceOf(UsageException.class)
                .hasMessageContaining("is not a legacy-hash-migrate-state/1 file");
        assertThatThrownBy(() -> MigrationState.read(dir.resolve("missing"))).isInstanceOf(UsageException.class);
    }
}
