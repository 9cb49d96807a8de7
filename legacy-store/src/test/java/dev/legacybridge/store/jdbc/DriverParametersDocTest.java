package dev.legacybridge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/jdbc-urls.md lists every entry of {@link DriverParameters}, so the page an admin is sent to stays true. */
class DriverParametersDocTest {

    @Test
    void docWhenAnyListedParameterThenNamedInItsDriversSectionWithTheSameStanding() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "jdbc-urls.md"));
        for (DatabaseKind kind : new DatabaseKind[] {DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.MYSQL}) {
            int start = doc.indexOf("### " + kind.displayName() + "\n");
            int end = doc.indexOf("\n### ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            String allowedLine = section.lines().filter(l -> l.startsWith("Allowed: ")).findFirst().orElseThrow();
            String forcedLine = section.lines().filter(l -> l.startsWith("Forced: ")).findFirst().orElseThrow();
            DriverParameters parameters = DriverParameters.of(kind);
            for (DriverParameters.Rule rule : parameters.rules().values()) {
                String name = "`" + rule.name() + "`";
                if (rule.refusal().isEmpty()) {
                    assertThat(allowedLine).as(kind + " allowed").contains(name);
                } else {
                    assertThat(section.lines().filter(l -> l.startsWith("| ") && l.contains(name)
                            && l.endsWith(rule.refusal().get().explanation() + " |")))
                            .as(kind + " refused " + rule.name()).hasSize(1);
                }
            }
            parameters.forced().forEach((name, value) ->
                    assertThat(forcedLine).as(kind + " forced").contains("`" + name + "=" + value + "`"));
        }
    }
}
