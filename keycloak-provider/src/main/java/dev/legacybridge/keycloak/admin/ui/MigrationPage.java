package dev.legacybridge.keycloak.admin.ui;

import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.migration.BulkMigration;
import dev.legacybridge.keycloak.migration.LocalUsers;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.store.ProfileRequirements;
import dev.legacybridge.store.UserSearch;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the admin console's migration page asks of the server (see {@code theme/legacy-bridge/admin} for the page):
 * <ul>
 *   <li>{@link #overview}: legacy rows (one {@code COUNT}), Keycloak users that came from the component, migrated and
 *       linked (one grouped count), what is left, the latest {@link TableAudit} (per scheme and status, and the rows
 *       the realm's user profile would stop) and the last {@link BulkRun}. It never reads the whole table: a page
 *       opened on a million rows answers in milliseconds, and the audit runs in the background
 *       ({@link #startAudit});</li>
 *   <li>{@link #startRun}: starts or resumes a bulk run; the page then drives it batch by batch through the existing
 *       batch endpoint, which reports every batch here ({@link #checkRun}, {@link #recordBatch}).</li>
 * </ul>
 * One instance for the server (held by the admin resource's factory): it owns the audits' thread.
 */
public final class MigrationPage implements AutoCloseable {

    private final AuditRunner audits = new AuditRunner();

    // ---------------------------------------------------------------- overview

    /** The numbers of the page; starts an audit when there is none yet for the current configuration. */
    public Map<String, Object> overview(KeycloakSession session, RealmModel realm, ComponentModel component,
                                        ComponentDatabase database) {
        long started = System.nanoTime();
        ProfileRequirements profile = RealmProfileRequirements.of(session);
        long legacyRows = database.repository().searches().count(UserSearch.all());
        LocalUsers.FromComponent keycloak = LocalUsers.countFromComponent(session, realm, component.getId());
        AuditRunner.Audit audit = audits.latest(component.getId(), database, profile);
        if (audit == null) {
            audit = audits.start(component.getId(), database, profile);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("componentId", component.getId());
        out.put("name", component.getName());
        out.put("mode", database.config().editMode().name());
        out.put("legacyRows", legacyRows);
        out.put("migrated", keycloak.migrated());
        out.put("linked", keycloak.linked());
        out.put("left", Math.max(0, legacyRows - keycloak.migrated()));
        out.put("profileRequires", Map.of("email", profile.email(), "firstName", profile.firstName(),
                "lastName", profile.lastName()));
        out.put("audit", auditView(audit));
        out.put("lastRun", runView(BulkRuns.load(realm, component.getId())));
        out.put("batchSize", BulkMigration.DEFAULT_BATCH_SIZE);
        out.put("serverTime", System.currentTimeMillis());
        out.put("millis", (System.nanoTime() - started) / 1_000_000);
        return out;
    }

    /** Starts a new audit of the component's table (unless one is running) and answers its state. */
    public Map<String, Object> startAudit(KeycloakSession session, ComponentModel component,
                                          ComponentDatabase database) {
        return auditView(audits.start(component.getId(), database, RealmProfileRequirements.of(session)));
    }

    private static Map<String, Object> auditView(AuditRunner.Audit audit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", audit.running() ? "running" : audit.error != null ? "failed" : "done");
        out.put("startedAt", audit.startedAt);
        out.put("processed", audit.processed.get());
        out.put("total", audit.total);
        if (audit.error != null) {
            out.put("error", audit.error);
        }
        AuditRunner.Audit finished = audit.lastFinished();
        if (finished != null && finished.result != null) {
            out.put("finishedAt", finished.finishedAt);
            out.put("millis", finished.millis);
            out.put("result", resultView(finished.result));
        }
        return out;
    }

    private static Map<String, Object> resultView(TableAudit.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", result.rows());
        out.put("statuses", result.statuses());
        out.put("upgradeRecommended", result.upgradeRecommended());
        out.put("profileStops", result.profileStops());
        out.put("schemes", result.schemes().stream().map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scheme", s.scheme());
            row.put("weak", s.weak());
            row.put("rows", s.rows());
            row.put("usable", s.usable());
            row.put("unusable", s.unusable());
            row.put("noPassword", s.noPassword());
            row.put("malformed", s.malformed());
            row.put("unsupported", s.unsupported());
            row.put("notAllowed", s.notAllowed());
            return row;
        }).toList());
        return out;
    }

    private static Map<String, Object> runView(BulkRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", run.runId());
        long now = System.currentTimeMillis();
        out.put("state", run.active(now) ? "running" : run.resumable() ? "interrupted" : "finished");
        out.put("startedAt", run.startedAt());
        out.put("finishedAt", run.finishedAt() == 0 ? null : run.finishedAt());
        out.put("updatedAt", run.updatedAt());
        out.put("startedBy", run.startedBy());
        out.put("total", run.total());
        out.put("processed", run.processed());
        out.put("imported", run.imported());
        out.put("skipped", run.skipped());
        out.put("failed", run.failed());
        out.put("deferred", run.deferred());
        out.put("batches", run.batches());
        out.put("cursor", run.cursor());
        out.put("resumable", run.resumable());
        return out;
    }

    // ---------------------------------------------------------------- runs

    /**
     * Starts a bulk run ({@code resume}: continues the last run from its cursor, with a new id, so a page still
     * driving the old one stops at its next batch).
     *
     * @param admin the admin's username, shown as who started it
     */
    public Map<String, Object> startRun(RealmModel realm, ComponentModel component, ComponentDatabase database,
                                        boolean resume, String admin) {
        if (database.config().editMode() != LegacyEditMode.MIGRATE) {
            throw new BadRequestException("Bulk migration needs the component in mode MIGRATE; it is in mode "
                    + database.config().editMode());
        }
        long now = System.currentTimeMillis();
        String runId = UUID.randomUUID().toString();
        BulkRun last = BulkRuns.load(realm, component.getId());
        BulkRun run;
        if (resume) {
            if (last == null || !last.resumable()) {
                throw new BadRequestException("There is no unfinished run to resume");
            }
            run = last.resumed(runId, admin, now);
        } else {
            run = BulkRun.started(runId, admin, database.repository().searches().count(UserSearch.all()), now);
        }
        BulkRuns.save(realm, component.getId(), run);
        return runView(run);
    }

    /** Refuses a batch of a run that is no longer the component's current one (HTTP 409). */
    public void checkRun(RealmModel realm, String componentId, String runId) {
        BulkRun current = BulkRuns.load(realm, componentId);
        if (current == null || !current.runId().equals(runId) || !current.resumable()) {
            throw new ClientErrorException("This bulk run is no longer the current one: another run was started or "
                    + "it finished", Response.Status.CONFLICT);
        }
    }

    /** Adds a finished batch to the run. */
    public void recordBatch(RealmModel realm, String componentId, String runId, BulkMigration.BatchResult batch) {
        BulkRun current = BulkRuns.load(realm, componentId);
        if (current == null || !current.runId().equals(runId)) {
            return;
        }
        BulkRuns.save(realm, componentId, current.afterBatch(batch.nextCursor(), batch.processed(), batch.imported(),
                batch.skipped(), batch.failed(), batch.deferred(), batch.done(), System.currentTimeMillis()));
    }

    /** Forgets everything of a removed component. */
    public static void forget(RealmModel realm, String componentId) {
        BulkRuns.remove(realm, componentId);
    }

    @Override
    public void close() {
        audits.close();
    }
}
