package dev.legacybridge.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void parseWhenNoArgumentsThenDefaultsOfTheBrief() {
        Settings s = Settings.parse(new String[0]);

        assertThat(s.benchmarks()).containsExactly("login", "migrated", "scale", "bulk", "page", "stack");
        assertThat(s.concurrencies()).containsExactly(1, 4, 16);
        assertThat(s.scaleRows()).isEqualTo(1_000_000);
        assertThat(s.bulkUsers()).isEqualTo(100_000);
        assertThat(s.pageUsers()).isEqualTo(100_000);
        assertThat(s.loginUsers()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void parseWhenOnlyGivenThenSubset() {
        Settings s = Settings.parse(new String[] {"--only", "scale, login", "--concurrency", "2,8"});

        assertThat(s.benchmarks()).containsExactly("scale", "login");
        assertThat(s.runs("bulk")).isFalse();
        assertThat(s.concurrencies()).isEqualTo(List.of(2, 8));
        assertThat(s.needsKeycloak()).isTrue();
    }

    @Test
    void parseWhenUnknownBenchmarkThenRefused() {
        assertThatThrownBy(() -> Settings.parse(new String[] {"--only", "everything"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
