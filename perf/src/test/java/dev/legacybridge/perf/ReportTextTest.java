package dev.legacybridge.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    @Test
    void abbreviateWhenProviderSelectListThenShapeKept() {
        String q = "SELECT u.\"id\", u.\"username\", u.\"password\", u.\"email\" FROM \"auth_user\" u WHERE u.\"id\" = $1";

        assertThat(MigratedLoginBenchmark.abbreviate(q)).isEqualTo("SELECT u.* FROM \"auth_user\" u WHERE u.\"id\" = $1");
    }

    @Test
    void entriesWhenAutoExplainLogThenContinuationLinesJoined() {
        String log = "2026-01-01 00:00:00.000 UTC,1,db,perf-sql-layer,LOG:  duration: 0.1 ms  plan:\n"
                + "\tQuery Text: SELECT 1\n\tResult  (cost=0.00..0.01 rows=1 width=4)\n"
                + "2026-01-01 00:00:00.001 UTC,1,db,perf-sql-layer,LOG:  statement: SELECT 2\n";

        List<List<String>> entries = ScaleBenchmark.PlanCapture.entries(log);

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).hasSize(3);
        assertThat(entries.get(1).get(0)).contains("statement: SELECT 2");
    }

    @Test
    void layerOfWhenKnownPackagesThenNamedLayer() {
        assertThat(JfrHotspots.layerOf("org.h2.mvstore.Page")).startsWith("H2");
        assertThat(JfrHotspots.layerOf("org.hibernate.internal.SessionImpl")).isEqualTo("Hibernate ORM");
        assertThat(JfrHotspots.layerOf("dev.legacybridge.hash.kdf.Pbkdf2")).startsWith("provider");
        assertThat(JfrHotspots.layerOf("org.example.Thing")).isEqualTo("other (org.example)");
    }

    @Test
    void emailOfWhenGeneratedRowThenSameFormulaAsTheSql() {
        // SQL: lower(f[1 + i % nf]) || '.' || lower(l[1 + (i / 7) % nl]) || i || '@example.com'
        int i = 12345;
        String expected = LegacyUsers.FIRST_NAMES.get(i % LegacyUsers.FIRST_NAMES.size()).toLowerCase() + "."
                + LegacyUsers.LAST_NAMES.get((i / 7) % LegacyUsers.LAST_NAMES.size()).toLowerCase() + i + "@example.com";

        assertThat(ScaleBenchmark.emailOf(i)).isEqualTo(expected);
    }
}
