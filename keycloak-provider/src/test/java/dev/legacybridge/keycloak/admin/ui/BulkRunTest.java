package dev.legacybridge.keycloak.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/** A run's life: started, batches added, interrupted and resumed with a new id, finished; and its stored form. */
class BulkRunTest {

    @Test
    void afterBatchWhenBatchesThenTotalsAddUpAndDoneFinishes() {
        BulkRun run = BulkRun.started("r1", "admin", 1200, 1000);

        run = run.afterBatch("500", 500, 488, 5, 5, 2, false, 2000);
        assertThat(run.resumable()).isTrue();
        assertThat(run.active(2000 + BulkRun.STALLED_AFTER_MS - 1)).isTrue();
        assertThat(run.active(2000 + BulkRun.STALLED_AFTER_MS)).as("nobody drives it").isFalse();

        BulkRun resumed = run.resumed("r2", "other-admin", 500_000);
        assertThat(resumed.runId()).isEqualTo("r2");
        assertThat(resumed.cursor()).isEqualTo("500");
        assertThat(resumed.startedAt()).isEqualTo(1000);
        assertThat(resumed.processed()).isEqualTo(500);

        BulkRun finished = resumed.afterBatch("1200", 700, 689, 10, 0, 1, true, 600_000);
        assertThat(finished.state()).isEqualTo(BulkRun.FINISHED);
        assertThat(finished.resumable()).isFalse();
        assertThat(finished.finishedAt()).isEqualTo(600_000);
        assertThat(finished.processed()).isEqualTo(1200);
        assertThat(finished.imported()).isEqualTo(1177);
        assertThat(finished.deferred()).isEqualTo(3);
        assertThat(finished.skipped()).isEqualTo(15);
        assertThat(finished.failed()).isEqualTo(5);
        assertThat(finished.batches()).isEqualTo(2);
    }

    @Test
    void jsonWhenWrittenAndReadThenSameRun() throws Exception {
        BulkRun run = BulkRun.started("r1", "admin", 10, 1).afterBatch("7", 7, 6, 0, 0, 1, false, 2);

        String json = JsonSerialization.writeValueAsString(run);

        assertThat(JsonSerialization.readValue(json, BulkRun.class)).isEqualTo(run);
        assertThat(json).doesNotContain("resumable");
    }
}
