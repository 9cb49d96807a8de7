package dev.legacybridge.perf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocUpdaterTest {

    private static final String DOC = """
            # Benchmarks

            ## Password hashing

            Someone else's text.

            ## Provider

            Prose before.

            <!-- perf:login:begin -->
            old table
            <!-- perf:login:end -->

            Prose after.
            """;

    @Test
    void replaceWhenMarkersPresentThenOnlyTheTextBetweenThemChanges() {
        String updated = DocUpdater.replace(DOC, "login", "| new | table |\n");

        assertThat(updated).contains("<!-- perf:login:begin -->\n| new | table |\n<!-- perf:login:end -->")
                .doesNotContain("old table")
                .startsWith("# Benchmarks\n\n## Password hashing\n\nSomeone else's text.\n")
                .endsWith("<!-- perf:login:end -->\n\nProse after.\n");
    }

    @Test
    void replaceWhenCalledTwiceThenSameResult() {
        String once = DocUpdater.replace(DOC, "login", "x");
        assertThat(DocUpdater.replace(once, "login", "x")).isEqualTo(once);
    }

    @Test
    void replaceWhenMarkersMissingThenSectionAppendedWithMarkers() {
        String updated = DocUpdater.replace(DOC, "bulk", "bulk table");

        assertThat(updated).startsWith(DOC)
                .endsWith("\n<!-- perf:bulk:begin -->\nbulk table\n<!-- perf:bulk:end -->\n");
    }
}
