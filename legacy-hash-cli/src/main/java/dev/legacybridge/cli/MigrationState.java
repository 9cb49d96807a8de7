package dev.legacybridge.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state file of {@code legacy-hash migrate}: which Keycloak, realm and component, the cursor to continue from, the
 * totals of the run so far and the rows that failed. Rewritten after every batch, atomically (a temporary file in the
 * same directory, flushed to disk, then renamed over the old one), so a run killed at any moment leaves either the
 * previous state or the new one, never a torn file.
 *
 * <pre>
 * {
 *   "format": "legacy-hash-migrate-state/1",
 *   "keycloakUrl": "https://sso.example.com", "realm": "acme", "componentId": "0c7e...", "componentName": "legacy-db",
 *   "startedAt": "2025-01-31T09:15:00Z", "updatedAt": "2025-01-31T09:16:12Z",
 *   "cursor": "5000", "done": false,
 *   "legacyRows": 10029, "processed": 5000, "imported": 4997, "skipped": 2, "failed": 1,
 *   "failures": [{"legacyId": "24", "reason": "password hash malformed (...)"}]
 * }
 * </pre>
 *
 * {@code cursor} is {@code null} before the first batch. At most {@value #MAX_FAILURES} failures are kept (one per
 * legacy id); {@code failed} counts them all.
 */
final class MigrationState {

    static final String FORMAT = "legacy-hash-migrate-state/1";
    static final int MAX_FAILURES = 1000;

    /** One row that was not migrated. */
    record Failure(String legacyId, String reason) {
    }

    String keycloakUrl;
    String realm;
    String componentId;
    String componentName;
    String startedAt;
    String updatedAt;
    String cursor;
    boolean done;
    long legacyRows;
    long processed;
    long imported;
    long skipped;
    long failed;
    /** Rows Keycloak left to their first login (hashes needing the component's format settings, lockouts). */
    long deferred;
    final List<Failure> failures = new ArrayList<>();
    private final Set<String> failedIds = new LinkedHashSet<>();

    static MigrationState start(String keycloakUrl, String realm, String componentId, String componentName,
                                long legacyRows, Instant now) {
        MigrationState state = new MigrationState();
        state.keycloakUrl = keycloakUrl;
        state.realm = realm;
        state.componentId = componentId;
        state.componentName = componentName;
        state.legacyRows = legacyRows;
        state.startedAt = now.toString();
        state.updatedAt = state.startedAt;
        return state;
    }

    /** Adds one batch's answer to the totals and moves the cursor. */
    void apply(long batchProcessed, long batchImported, long batchSkipped, long batchFailed, List<Failure> batchFailures,
               String nextCursor, boolean batchDone, Instant now) {
        processed += batchProcessed;
        imported += batchImported;
        skipped += batchSkipped;
        failed += batchFailed;
        for (Failure failure : batchFailures) {
            if (failures.size() < MAX_FAILURES && failedIds.add(failure.legacyId())) {
                failures.add(failure);
            }
        }
        cursor = nextCursor;
        done = batchDone;
        updatedAt = now.toString();
    }

    /** Failed rows the state does not describe (Keycloak reports at most 50 per batch; this file keeps 1000). */
    long undescribedFailures() {
        return Math.max(0, failed - failures.size());
    }

    String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("keycloakUrl", keycloakUrl);
        root.put("realm", realm);
        root.put("componentId", componentId);
        root.put("componentName", componentName);
        root.put("startedAt", startedAt);
        root.put("updatedAt", updatedAt);
        root.put("cursor", cursor);
        root.put("done", done);
        root.put("legacyRows", legacyRows);
        root.put("processed", processed);
        root.put("imported", imported);
        root.put("skipped", skipped);
        root.put("failed", failed);
        root.put("deferred", deferred);
        List<Object> list = new ArrayList<>();
        for (Failure failure : failures) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("legacyId", failure.legacyId());
            f.put("reason", failure.reason());
            list.add(f);
        }
        root.put("failures", list);
        return Json.write(root);
    }

    /**
     * Reads a state file.
     *
     * @throws UsageException when it cannot be read or is not a state file of this format
     */
    static MigrationState read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read the state file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, Object> root;
        try {
            root = Json.parseObject(text.strip());
        } catch (Json.JsonException e) {
            throw new UsageException("the state file " + file + " is not JSON (" + e.getMessage()
                    + "); give another --state-file or delete it");
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new UsageException("the state file " + file + " is not a " + FORMAT + " file; give another "
                    + "--state-file or delete it");
        }
        MigrationState state = new MigrationState();
        state.keycloakUrl = text(root, "keycloakUrl");
        state.realm = text(root, "realm");
        state.componentId = text(root, "componentId");
        state.componentName = text(root, "componentName");
        state.startedAt = text(root, "startedAt");
        state.updatedAt = text(root, "updatedAt");
        state.cursor = text(root, "cursor");
        state.done = Boolean.TRUE.equals(root.get("done"));
        state.legacyRows = number(root, "legacyRows");
        state.processed = number(root, "processed");
        state.imported = number(root, "imported");
        state.skipped = number(root, "skipped");
        state.failed = number(root, "failed");
        state.deferred = number(root, "deferred");
        if (root.get("failures") instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> f && f.get("legacyId") instanceof String id
                        && f.get("reason") instanceof String reason && state.failures.size() < MAX_FAILURES
                        && state.failedIds.add(id)) {
                    state.failures.add(new Failure(id, reason));
                }
            }
        }
        return state;
    }

    private static String text(Map<String, Object> root, String key) {
        return root.get(key) instanceof String s ? s : null;
    }

    private static long number(Map<String, Object> root, String key) {
        return root.get(key) instanceof Json.Number n ? n.asLong(0) : 0;
    }

    /** Writes the state atomically: a temporary file next to {@code file}, forced to disk, renamed over it. */
    void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(toJson().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
