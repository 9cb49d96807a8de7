package dev.legacybridge.keycloak.migration;

import dev.legacybridge.hash.HashInspection;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.keycloak.config.LegacyGroupsAs;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.keycloak.pool.ComponentDatabase;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Bulk migration: makes every legacy user Keycloak's own, with the same id a login would give them
 * ({@link LegacyIdentity}), and their legacy hash as a password credential of the {@code legacy-hash} algorithm, so no
 * plaintext is needed; Keycloak rehashes to the realm's policy at each user's first login. A user Keycloak already
 * has as a linked user is migrated in place (same id); one migrated before is left alone.
 *
 * <p>A hash that is plain PBKDF2 or Argon2 underneath becomes Keycloak's own {@code pbkdf2*} or {@code argon2}
 * credential instead ("Native Keycloak credentials", {@link dev.legacybridge.keycloak.credential.NativeCredentials}),
 * which needs no provider; with "Second factors from" set, each row's TOTP devices and backup tokens come along
 * ({@link MfaCarryOver}), read for the whole batch in one query per table.
 *
 * <p>Work goes in batches over the legacy table in primary-key order (keyset paging, so a batch costs the same at row
 * 10 and at row 10,000,000). A batch is one Keycloak transaction. If it fails, its rows are retried one transaction
 * each, so one bad row (a username Keycloak rejects, an email already taken) is counted and reported, never fatal.
 *
 * <p>Idempotent and resumable: users that already exist in Keycloak are skipped, so a second run changes nothing and
 * an interrupted run can start again from the beginning, or from the last cursor it reported.
 *
 * <p>A username that exists in Keycloak as another user (a native user, or another legacy row differing only by case) is
 * reported, never merged.
 *
 * <p>Rows whose hash this component's policy would refuse at login (malformed, unknown format, a weak scheme that is
 * not allowed, a cost above the caps) are not imported: they are reported so the data can be fixed first. Rows with no
 * password or Django's unusable password are imported without a password credential.
 */
public final class BulkMigration {

    private static final Logger LOG = Logger.getLogger(BulkMigration.class);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 5000;
    /**
     * Users per Keycloak transaction. Every query Keycloak makes after a write in the transaction (role and group
     * checks in {@code grantRole}/{@code joinGroup}, the flush in {@code addUser}) makes Hibernate walk the whole
     * persistence context, so the cost per user grows with the transaction's size (the JFR profile of the bulk benchmark
     * in docs/benchmarks.md shows it as auto-flush). 20 keeps that small while the per-transaction overhead stays
     * negligible; a failing transaction is retried row by row, so the size does not change what gets imported.
     */
    static final int USERS_PER_TRANSACTION = 20;
    /** Keep responses small: only the first failures of a batch are described. */
    private static final int MAX_REPORTED_FAILURES = 50;

    private BulkMigration() {
    }

    /** One row that was not imported, and why (no secrets: ids, schemes and Keycloak's error message only). */
    public record Failure(String legacyId, String reason) {
    }

    /**
     * @param processed  rows read from the legacy table in this batch
     * @param imported   users created in Keycloak
     * @param skipped    rows whose username already exists in Keycloak
     * @param failed     rows not imported, see {@code failures}
     * @param nextCursor the last legacy id processed; pass it as {@code after} to continue
     * @param done       whether the end of the table was reached
     * @param deferred   rows left to migrate at their first login: their hash needs the component's password format
     *                   settings (salt column, recipe, Firebase key, pepper, Spring settings), which a copied
     *                   credential would not have, or their account is locked out
     */
    public record BatchResult(int processed, int imported, int skipped, int failed, List<Failure> failures,
                              String nextCursor, boolean done, int deferred) {
    }

    /** Totals of a whole run. */
    public record Summary(long processed, long imported, long skipped, long failed, long millis, long deferred) {
        public double usersPerSecond() {
            return millis == 0 ? processed : processed * 1000.0 / millis;
        }
    }

    /** Migrates the rows after {@code afterId} (null: from the start), at most {@code size} of them. */
    public static BatchResult runBatch(KeycloakSessionFactory factory, String realmId, ComponentDatabase database,
                                       String afterId, int size) {
        long started = System.nanoTime();
        int batchSize = Math.max(1, Math.min(MAX_BATCH_SIZE, size));
        LegacyStoreConfig config = database.config();
        LegacyUserRepository repository = database.repository();
        List<LegacyUser> rows = repository.lookups().pageAfter(afterId, batchSize);
        if (rows.isEmpty()) {
            return new BatchResult(0, 0, 0, 0, List.of(), afterId, true, 0);
        }
        String nextCursor = rows.get(rows.size() - 1).id();
        boolean done = rows.size() < batchSize;

        List<Failure> failures = new ArrayList<>();
        Map<LegacyUser, LegacyUserImporter.PasswordSource> importable = new LinkedHashMap<>();
        LegacyPasswordVerifier verifier = database.verifier();
        // Keycloak usernames are unique case-insensitively: JohnDoe and johndoe cannot both become "johndoe", and
        // picking one would hand one person's account to the other. Both are reported, as at login.
        java.util.Set<String> ambiguous = repository.dataQuality().ambiguousUsernames(rows.stream()
                .map(r -> r.username().toLowerCase(java.util.Locale.ROOT)).toList());
        List<LegacyUser> deferredRows = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        for (LegacyUser row : rows) {
            if (row.username().isEmpty()) {
                failures.add(new Failure(row.id(), "no username"));
                continue;
            }
            if (ambiguous.contains(row.username().toLowerCase(java.util.Locale.ROOT))) {
                failures.add(new Failure(row.id(), "username differs only by case from another legacy user's"));
                continue;
            }
            if (row.lockedAt(now)) {
                // Keycloak has no lockout with an end to carry it over; the row migrates at a login after it ends.
                deferredRows.add(row);
                continue;
            }
            String stored = row.passwordHash();
            if (stored == null || stored.isEmpty()) {
                importable.put(row, null);
                continue;
            }
            HashInspection inspection = verifier.inspect(new dev.legacybridge.hash.StoredPassword(stored,
                    row.passwordSalt()));
            if (inspection.status() == HashInspection.Status.USABLE
                    && verifier.configuration().shapes(inspection.scheme())) {
                // A legacy-hash credential is verified without the component's settings; the secrets stay here.
                deferredRows.add(row);
                continue;
            }
            switch (inspection.status()) {
                case USABLE -> importable.put(row, passwordSource(config, verifier, stored, inspection.scheme()));
                case UNUSABLE -> importable.put(row, null);
                default -> failures.add(new Failure(row.id(), "password hash " + inspection.status().name()
                        .toLowerCase(java.util.Locale.ROOT) + " (scheme " + inspection.scheme() + "): "
                        + inspection.reason()));
            }
        }
        Map<String, List<String>> groups = config.legacyGroupsAs() == LegacyGroupsAs.NONE ? Map.of()
                : repository.lookups().groupNamesByUser(importable.keySet().stream().map(LegacyUser::id).toList());

        Map<String, dev.legacybridge.store.LegacyMfa> mfa = !config.otp().enabled() ? Map.of()
                : repository.otpDevices(config.otp()).ofUsers(importable.keySet().stream().map(LegacyUser::id).toList());
        ensureGroups(factory, realmId, database, importable.keySet(), groups);
        int imported = 0;
        // Rows left to their first login that have had it (a later run over the same table) are Keycloak's already.
        int skipped = migratedBefore(factory, realmId, database.componentId(), deferredRows);
        int deferred = deferredRows.size() - skipped;
        List<String> migratedIds = new ArrayList<>();
        List<Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource>> entries = new ArrayList<>(importable.entrySet());
        for (int from = 0; from < entries.size(); from += USERS_PER_TRANSACTION) {
            List<Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource>> chunk =
                    entries.subList(from, Math.min(entries.size(), from + USERS_PER_TRANSACTION));
            ChunkResult result = importChunk(factory, realmId, database, chunk, groups, mfa, failures);
            imported += result.imported();
            skipped += result.skipped();
            migratedIds.addAll(result.migratedIds());
        }
        if (config.schema().migratedColumn() != null) {
            // Every row that is now a migrated Keycloak user, also those a previous, interrupted run migrated
            // without getting to set the flag (a node killed between a chunk's commit and the end of its batch).
            java.util.Set<String> flagged = rows.stream().filter(LegacyUser::migrated).map(LegacyUser::id)
                    .collect(java.util.stream.Collectors.toSet());
            for (String id : migratedIds) {
                if (!flagged.contains(id)) {
                    repository.writes().markMigrated(id);
                }
            }
        }
        for (Failure failure : failures) {
            LOG.warnf("Bulk migration: legacy user [%s] not migrated: %s", failure.legacyId(), failure.reason());
        }
        database.metrics().bulkBatch(imported, skipped, failures.size(), deferred,
                System.nanoTime() - started);
        List<Failure> reported = failures.size() > MAX_REPORTED_FAILURES ? failures.subList(0, MAX_REPORTED_FAILURES)
                : failures;
        if (deferred > 0) {
            LOG.infof("Bulk migration: %d legacy users of this batch migrate at their first login instead (hashes that "
                    + "need the component's password format settings, or a lockout in force)", deferred);
        }
        return new BatchResult(rows.size(), imported, skipped, failures.size(), List.copyOf(reported), nextCursor,
                done, deferred);
    }

    /**
     * Creates the missing Keycloak groups of the batch's rows that are not in Keycloak yet, in one transaction of its
     * own, so that the import transactions only find them (a group created inside a chunk would make every later query
     * of that chunk flush it). Rows migrated before are left out, so a second run does not bring back a group an admin
     * deleted since. If this fails (a concurrent login created the same group, say), the chunks create what they need
     * row by row, as without this step, and report the rows that still fail.
     */
    private static void ensureGroups(KeycloakSessionFactory factory, String realmId, ComponentDatabase database,
                                     java.util.Collection<LegacyUser> rows, Map<String, List<String>> groups) {
        LegacyStoreConfig config = database.config();
        if (config.legacyGroupsAs() != LegacyGroupsAs.GROUPS) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                java.util.Set<String> names = new java.util.TreeSet<>();
                for (LegacyUser row : rows) {
                    UserModel existing = LocalUsers.byId(session, realm,
                            LegacyIdentity.keycloakId(database.componentId(), row.id()));
                    if (existing == null || existing.getFederationLink() != null) {
                        names.addAll(dev.legacybridge.keycloak.user.LegacyAuthorities.groupNames(config,
                                () -> groups.getOrDefault(row.id(), List.of())));
                    }
                }
                for (String name : names) {
                    LegacyUserImporter.ensureTopLevelGroup(session, realm, name);
                }
            });
        } catch (RuntimeException e) {
            LOG.debugf("Bulk migration: creating the batch's groups up front failed (%s); the rows create them",
                    e.getMessage());
        }
    }

    /**
     * How many of {@code rows} are migrated Keycloak users already (at a login since an earlier run deferred them, say):
     * a user of the row's id that is no longer linked to the component, or, without one, a user of its username that
     * an earlier version migrated with the same legacy id, as {@link LegacyUserImporter#migrateInSession} tells them.
     */
    private static int migratedBefore(KeycloakSessionFactory factory, String realmId, String componentId,
                                      List<LegacyUser> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            session.getContext().setRealm(realm);
            int migrated = 0;
            for (LegacyUser row : rows) {
                UserModel byId = LocalUsers.byId(session, realm, LegacyIdentity.keycloakId(componentId, row.id()));
                UserModel byName = byId != null ? null : LocalUsers.byUsername(session, realm, row.username());
                if (byId != null ? !componentId.equals(byId.getFederationLink())
                        : byName != null && row.id().equals(byName.getFirstAttribute(LegacyIdentity.LEGACY_ID))) {
                    migrated++;
                }
            }
            return migrated;
        });
    }

    /** {@code migratedIds}: the rows that are migrated Keycloak users after the chunk, by this run or an earlier one. */
    private record ChunkResult(int imported, int skipped, List<String> migratedIds) {
    }

    /**
     * One Keycloak transaction for the chunk; if it fails as a whole, one transaction per row, so that the failing row
     * is found and reported and the others are imported.
     */
    private static ChunkResult importChunk(KeycloakSessionFactory factory, String realmId, ComponentDatabase database,
                                           List<Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource>> chunk,
                                           Map<String, List<String>> groups,
                                           Map<String, dev.legacybridge.store.LegacyMfa> mfa, List<Failure> failures) {
        LegacyStoreConfig config = database.config();
        String componentId = database.componentId();
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                session.getContext().setRealm(realm);
                OtpKeys keys = mfa.isEmpty() ? null : OtpKeys.of(session, config);
                int imported = 0;
                int skipped = 0;
                List<String> ids = new ArrayList<>();
                // Reads first, writes after: a query issued after a write flushes the whole persistence context.
                // Should two rows still meet on one Keycloak username (refused above, as far as SQL lower() and Java
                // agree; or a concurrent login migrates one), addUser fails, the chunk rolls back and is retried row
                // by row, where the lookup sees the committed user.
                List<UserModel> byId = new ArrayList<>(chunk.size());
                List<UserModel> byName = new ArrayList<>(chunk.size());
                for (Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource> entry : chunk) {
                    LegacyUser row = entry.getKey();
                    byId.add(LocalUsers.byId(session, realm, LegacyIdentity.keycloakId(componentId, row.id())));
                    byName.add(byId.get(byId.size() - 1) != null ? null
                            : LocalUsers.byUsername(session, realm, row.username()));
                }
                for (int i = 0; i < chunk.size(); i++) {
                    Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource> entry = chunk.get(i);
                    LegacyUser row = entry.getKey();
                    LegacyUserImporter.Result result = LegacyUserImporter.migrateInSession(session, realm,
                            componentId, config, row, entry.getValue(), groups.getOrDefault(row.id(), List.of()),
                            byId.get(i), byName.get(i), secondFactors(mfa, row, keys));
                    if (result.created()) {
                        imported++;
                    } else {
                        skipped++;
                    }
                    ids.add(row.id());
                }
                return new ChunkResult(imported, skipped, ids);
            });
        } catch (RuntimeException chunkFailure) {
            LOG.debugf("Bulk migration chunk failed as a whole (%s); retrying its rows one by one",
                    chunkFailure.getMessage());
        }
        int imported = 0;
        int skipped = 0;
        List<String> ids = new ArrayList<>();
        for (Map.Entry<LegacyUser, LegacyUserImporter.PasswordSource> entry : chunk) {
            LegacyUser row = entry.getKey();
            try {
                LegacyUserImporter.Result result = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    return LegacyUserImporter.migrateInSession(session, realm, componentId, config, row,
                            entry.getValue(), groups.getOrDefault(row.id(), List.of()),
                            LocalUsers.byId(session, realm, LegacyIdentity.keycloakId(componentId, row.id())),
                            LocalUsers.byUsername(session, realm, row.username()),
                            secondFactors(mfa, row, mfa.isEmpty() ? null : OtpKeys.of(session, config)));
                });
                if (result.created()) {
                    imported++;
                } else {
                    skipped++;
                }
                ids.add(row.id());
            } catch (RuntimeException rowFailure) {
                failures.add(new Failure(row.id(), "Keycloak refused the user: " + describe(rowFailure)));
            }
        }
        return new ChunkResult(imported, skipped, ids);
    }

    /**
     * The legacy hash as a Keycloak credential source: plain PBKDF2 and Argon2 hashes as candidates for Keycloak's own
     * credentials (decided per server in {@link LegacyUserImporter}), everything else as {@code legacy-hash}.
     */
    private static LegacyUserImporter.PasswordSource passwordSource(LegacyStoreConfig config,
                                                                    LegacyPasswordVerifier verifier, String stored,
                                                                    String scheme) {
        if (config.nativeCredentials()) {
            java.util.Optional<dev.legacybridge.hash.StandardHash> standard = verifier.standardForm(stored);
            if (standard.isPresent()) {
                return new LegacyUserImporter.StandardFormHash(stored, scheme, standard.get());
            }
        }
        return new LegacyUserImporter.LegacyHash(stored, scheme);
    }

    private static MfaCarryOver.Input secondFactors(Map<String, dev.legacybridge.store.LegacyMfa> mfa, LegacyUser row,
                                                    OtpKeys keys) {
        dev.legacybridge.store.LegacyMfa factors = mfa.get(row.id());
        return factors == null ? MfaCarryOver.Input.NONE : new MfaCarryOver.Input(factors, keys);
    }

    /** Migrates the whole table, batch after batch, logging progress and a summary. */
    public static Summary runAll(KeycloakSessionFactory factory, String realmId, ComponentDatabase database, String name) {
        long start = System.nanoTime();
        long processed = 0;
        long imported = 0;
        long skipped = 0;
        long failed = 0;
        long deferred = 0;
        long lastLog = start;
        String cursor = null;
        long total = database.repository().searches().count(dev.legacybridge.store.UserSearch.all());
        LOG.infof("Bulk migration of legacy user storage [%s] started: %d legacy rows", name, total);
        while (true) {
            BatchResult batch = runBatch(factory, realmId, database, cursor, DEFAULT_BATCH_SIZE);
            processed += batch.processed();
            imported += batch.imported();
            skipped += batch.skipped();
            failed += batch.failed();
            deferred += batch.deferred();
            cursor = batch.nextCursor();
            long now = System.nanoTime();
            if (now - lastLog > 10_000_000_000L) {
                double rate = processed / ((now - start) / 1e9);
                LOG.infof("Bulk migration of [%s]: %d/%d rows (%.0f rows/s, about %.0f s left), %d imported, "
                        + "%d skipped, %d failed", name, processed, total, rate,
                        rate > 0 ? Math.max(0, total - processed) / rate : 0.0, imported, skipped, failed);
                lastLog = now;
            }
            if (batch.done()) {
                break;
            }
        }
        Summary summary = new Summary(processed, imported, skipped, failed, (System.nanoTime() - start) / 1_000_000,
                deferred);
        LOG.infof("Bulk migration of legacy user storage [%s] finished: %d rows, %d imported, %d skipped (already in "
                + "Keycloak), %d failed, %d left to their first login, %.0f rows/s, %d ms", name, summary.processed(),
                summary.imported(), summary.skipped(), summary.failed(), summary.deferred(), summary.usersPerSecond(),
                summary.millis());
        return summary;
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
