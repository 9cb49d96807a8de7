package dev.legacybridge.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void toStringWhenRowsAddedThenAlignedTableWithEscapedPipes() {
        String table = new Markdown("name", ">value").row("a|b", 1).row("c", "2").toString();

        assertThat(table).isEqualTo("""
                | name | value |
                |---|---:|
                | a\\|b | 1 |
                | c | 2 |
                """);
    }

    @Test
    void rowWhenWrongNumberOfCellsThenRefused() {
        assertThatThrownBy(() -> new Markdown("a", "b").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void msWhenFormattedThenPrecisionFollowsMagnitude() {
        assertThat(Markdown.ms(0.1234)).isEqualTo("0.123");
        assertThat(Markdown.ms(12.34)).isEqualTo("12.3");
        assertThat(Markdown.ms(1234.5)).isEqualTo("1,235");
        assertThat(Markdown.ms(Double.NaN)).isEqualTo("n/a");
    }
}
