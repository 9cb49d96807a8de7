package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Self-test of the embedded PostgreSQL fixture: scenario tests will stop the legacy DB mid-run and start it again. */
@DisplayName("Given the embedded PostgreSQL legacy database fixture")
class EmbeddedPostgresFixtureIT {

    @Test
    @DisplayName("it is seeded, stops, and restarts on the same port with its data")
    void stopWhenStartedAgainThenSamePortAndDataSurvive() throws Exception {
        try (EmbeddedPostgresLegacyDatabase db = EmbeddedPostgresLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("fixture-selftest").resolve("postgres"), true)) {
            assertThat(db.queryLong("SELECT count(*) FROM auth_user")).isEqualTo(29);
            assertThat(db.queryLong("SELECT count(*) FROM auth_user_groups")).isEqualTo(7);
            db.execute("UPDATE auth_user SET first_name = 'Changed' WHERE username = 'johndoe'");
            int port = db.port();

            db.stop();
            assertThat(db.isRunning()).isFalse();
            assertThatThrownBy(() -> {
                try (Connection ignored = db.connect()) {
                    // unreachable: the server is down
                }
            }).isInstanceOf(SQLException.class);

            db.start();
            assertThat(db.port()).isEqualTo(port);
            assertThat(db.queryLong("SELECT count(*) FROM auth_user WHERE username = 'johndoe' AND first_name = 'Changed'"))
                    .isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM auth_user")).isEqualTo(29);
        }
    }
}
