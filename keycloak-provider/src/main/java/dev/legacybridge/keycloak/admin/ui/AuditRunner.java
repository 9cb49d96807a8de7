package dev.legacybridge.keycloak.admin.ui;

import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.store.ProfileRequirements;
import dev.legacybridge.store.UserSearch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs the migration page's {@link TableAudit}s in the background and keeps each component's latest one, so that
 * opening the page costs two counts however large the table is: a million rows take seconds to read, and the page
 * shows the previous audit (with its time) and the progress of a new one meanwhile.
 *
 * <p>One audit at a time per component, on one low-priority thread for the whole server. Kept in memory on the node
 * that ran it: each node audits on its own, and a restart forgets the result (the page starts a new audit). An audit is
 * stale when the component's configuration changed since (another hash policy, another table) or the realm's user
 * profile requires other fields.
 */
final class AuditRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditRunner.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "legacy-bridge-audit");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final Map<String, Audit> audits = new ConcurrentHashMap<>();

    /** The state of one component's audit. {@code result} is that of the last finished one, kept while another runs. */
    static final class Audit {
        final ComponentDatabase database;
        final ProfileRequirements profile;
        final long startedAt = System.currentTimeMillis();
        final AtomicLong processed = new AtomicLong();
        volatile long total = -1;
        volatile long finishedAt;
        volatile long millis;
        volatile TableAudit.Result result;
        volatile String error;
        volatile Audit previous;

        Audit(ComponentDatabase database, ProfileRequirements profile) {
            this.database = database;
            this.profile = profile;
        }

        boolean running() {
            return finishedAt == 0;
        }

        boolean current(ComponentDatabase database, ProfileRequirements profile) {
            return this.database == database && this.profile.equals(profile);
        }

        /** The last finished audit: this one or the one before it. */
        Audit lastFinished() {
            return running() ? previous : this;
        }
    }

    /** The component's audit, or null when there is none for its current configuration and the realm's profile. */
    Audit latest(String componentId, ComponentDatabase database, ProfileRequirements profile) {
        Audit audit = audits.get(componentId);
        return audit != null && audit.current(database, profile) ? audit : null;
    }

    /** Starts an audit unless one is running for the same configuration; returns the running one. */
    Audit start(String componentId, ComponentDatabase database, ProfileRequirements profile) {
        return audits.compute(componentId, (id, existing) -> {
            if (existing != null && existing.running() && existing.current(database, profile)) {
                return existing;
            }
            Audit audit = new Audit(database, profile);
            if (existing != null && existing.current(database, profile)) {
                audit.previous = existing.lastFinished();
            }
            executor.execute(() -> run(id, audit));
            return audit;
        });
    }

    private static void run(String componentId, Audit audit) {
        long start = System.nanoTime();
        try {
            audit.total = audit.database.repository().searches().count(UserSearch.all());
            audit.result = TableAudit.run(audit.database.repository(), audit.database.verifier(), audit.profile,
                    audit.processed::set);
            LOG.debugf("Audit of legacy user storage [%s]: %d rows in %d ms", componentId, audit.result.rows(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            audit.error = e.getMessage();
            LOG.warnf("Audit of legacy user storage [%s] failed: %s", componentId, e.getMessage());
        } finally {
            audit.millis = (System.nanoTime() - start) / 1_000_000;
            audit.finishedAt = System.currentTimeMillis();
            if (audit.error == null) {
                audit.previous = null;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
