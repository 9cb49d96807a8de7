package dev.legacybridge.keycloak.admin.ui;

/**
 * The last bulk-migration run of a component, as the migration page shows and resumes it. Counts and a cursor only:
 * the cursor is the last legacy primary key a batch finished (a row id, never a name or a hash).
 *
 * @param runId     changes with every start; a batch of another run is refused, so two pages cannot both drive one
 * @param state     {@code running}, {@code finished}
 * @param startedBy the admin's username
 * @param total     legacy rows when the run started
 * @param deferred  rows left to their first login (their hash needs the component's format settings, or a lockout is
 *                  in force); 0 in runs stored before this field existed
 * @param updatedAt when the last batch finished; a running run without batches for {@link #STALLED_AFTER_MS} is
 *                  shown as interrupted
 */
public record BulkRun(String runId, String state, long startedAt, long finishedAt, long updatedAt, String startedBy,
                      String cursor, long total, long processed, long imported, long skipped, long failed,
                      long deferred, long batches) {

    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";

    /** A page drives a run batch by batch: two minutes without one means nobody is driving it any more. */
    public static final long STALLED_AFTER_MS = 120_000;

    static BulkRun started(String runId, String startedBy, long total, long now) {
        return new BulkRun(runId, RUNNING, now, 0, now, startedBy, null, total, 0, 0, 0, 0, 0, 0);
    }

    /** The same run started again from its cursor, by {@code admin}, with a new id. */
    BulkRun resumed(String newRunId, String admin, long now) {
        return new BulkRun(newRunId, RUNNING, startedAt, 0, now, admin, cursor, total, processed, imported, skipped,
                failed, deferred, batches);
    }

    BulkRun afterBatch(String nextCursor, long rows, long imported, long skipped, long failed,
                       long deferred, boolean done, long now) {
        return new BulkRun(runId, done ? FINISHED : RUNNING, startedAt, done ? now : 0, now, startedBy, nextCursor,
                total, processed + rows, this.imported + imported, this.skipped + skipped, this.failed + failed,
                this.deferred + deferred, batches + 1);
    }

    /** Whether the page may continue it from {@link #cursor}: it did not reach the end of the table. */
    public boolean resumable() {
        return !FINISHED.equals(state);
    }

    /** Whether a page seems to be driving it right now. */
    public boolean active(long now) {
        return RUNNING.equals(state) && now - updatedAt < STALLED_AFTER_MS;
    }
}
