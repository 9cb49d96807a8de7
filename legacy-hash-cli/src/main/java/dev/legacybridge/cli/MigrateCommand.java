package dev.legacybridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * {@code legacy-hash migrate}: bulk migration of a {@code legacy-database} component in mode MIGRATE, driven from a
 * shell through the provider's admin REST endpoint ({@code /admin/realms/{realm}/legacy-migration/{component}}), batch
 * after batch, with a progress line, a state file for {@code --resume}, and the rows that were not migrated listed at
 * the end.
 *
 * <pre>
 * $ KC_PASSWORD=... legacy-hash migrate --keycloak-url https://sso.example.com --realm acme --component legacy-db \
 *       --user admin --password-env KC_PASSWORD
 * $ legacy-hash migrate ... --resume          # after an interruption: continue from the state file's cursor
 * </pre>
 */
@Command(name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        sortOptions = false,
        abbreviateSynopsis = true,
        description = {
            "Bulk-migrates the legacy users of a legacy-database user federation component (mode MIGRATE) into "
                + "Keycloak through its admin REST API: POST /admin/realms/REALM/legacy-migration/COMPONENT/batch until "
                + "done. Users already in Keycloak are skipped, so running it again is safe.",
            "After every batch the cursor and the totals are written to the state file. --resume continues an "
                + "interrupted run from there. Without --resume, a finished run in the state file is reported and a "
                + "new full run starts; an unfinished one stops the command (exit 64) until you choose --resume or "
                + "--restart.",
            "Progress (rows, rate, ETA, imported/skipped/failed) goes to standard error when it is a terminal (or "
                + "with --progress); the summary and the rows not migrated (legacy id and reason) go to standard "
                + "output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done, every row migrated or already in Keycloak",
            "1:done, but some rows were not migrated (listed with the reason)",
            "2:stopped by a Keycloak or legacy database error (HTTP 503 after the retries, login refused, no such "
                + "component, mode not MIGRATE...); the state file is kept for --resume",
            "64:usage error (bad or missing option, unreadable secret, state file of another component or "
                + "unfinished run without --resume/--restart, state file locked by another run)"})
final class MigrateCommand implements Callable<Integer> {

    static final String USER_STORAGE_TYPE = "org.keycloak.storage.UserStorageProvider";
    static final String PROVIDER_ID = "legacy-database";

    @ParentCommand
    private LegacyHashCommand parent;

    @Option(names = "--keycloak-url", required = true, paramLabel = "URL",
            description = "Keycloak's base URL, e.g. https://sso.example.com (add /auth for servers with that prefix).")
    private String keycloakUrl;

    @Option(names = "--realm", required = true, paramLabel = "REALM", description = "Realm of the component.")
    private String realm;

    @Option(names = "--component", required = true, paramLabel = "ID|NAME",
            description = "The legacy-database component: its id, or its name (looking a name up needs view-realm).")
    private String component;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Admin user, logged in with the password grant of admin-cli in --auth-realm.")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Its password. Visible to other local users in the process list: prefer --password-env or "
                    + "--password-file.")
    private String password;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable.")
    private String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file.")
    private Path passwordFile;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "Instead of --user: a confidential client of --auth-realm whose service account has "
                    + "manage-users for --realm (client-credentials grant).")
    private String clientId;

    @Option(names = "--client-secret", paramLabel = "SECRET", description = "Its secret (prefer the -env/-file forms).")
    private String clientSecret;

    @Option(names = "--client-secret-env", paramLabel = "VAR", description = "Read the client secret from this environment variable.")
    private String clientSecretEnv;

    @Option(names = "--client-secret-file", paramLabel = "FILE", description = "Read the client secret from this file.")
    private Path clientSecretFile;

    @Option(names = "--auth-realm", paramLabel = "REALM",
            description = "Realm to log in to (default ${DEFAULT-VALUE}; give --realm's name for a service account "
                    + "client of that realm).")
    private String authRealm = "master";

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per batch, 1-5000 (default ${DEFAULT-VALUE}).")
    private int batchSize = 500;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "Default: legacy-migration-REALM-COMPONENT_ID.state in the current directory.")
    private Path stateFile;

    @Option(names = "--resume", description = "Continue the unfinished run of the state file from its cursor (a "
            + "finished or missing one: start a new full run).")
    private boolean resume;

    @Option(names = "--restart", description = "Discard an unfinished run of the state file and start from the first row.")
    private boolean restart;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries of a call that fails with HTTP 500/502/503/504, a timeout or no connection "
                    + "(default ${DEFAULT-VALUE}).")
    private int retries = 5;

    @Option(names = "--retry-wait", paramLabel = "SECONDS",
            description = "Wait before the first retry, doubled for each further one, at most 60 (default ${DEFAULT-VALUE}).")
    private int retryWaitSeconds = 2;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            description = "How long one batch may take (default ${DEFAULT-VALUE}).")
    private int requestTimeoutSeconds = 600;

    @Option(names = "--progress", description = "Show the progress line even when standard error is not a terminal "
            + "(then one line every 10 s).")
    private boolean progress;

    @Option(names = "--no-progress", description = "Never show the progress line.")
    private boolean noProgress;

    private final KeycloakAdmin.Sleeper sleeper = Thread::sleep;
    private final LongSupplier nanoClock = System::nanoTime;
    private final Clock clock = Clock.systemUTC();

    /** GET {@code legacy-migration/{id}}: what the component is. */
    record Status(String componentId, String name, String mode, long legacyRows) {
    }

    @Override
    public Integer call() {
        LegacyHashCommand.Io io = parent.io();
        PrintStream err = io.err();

        // ---- everything that needs no network first
        String url = keycloakUrl.trim();
        if (!(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new UsageException("--keycloak-url must start with http:// or https://");
        }
        requireNotBlank("--realm", realm);
        requireNotBlank("--component", component);
        requireNotBlank("--auth-realm", authRealm);
        requireRange("--batch-size", batchSize, 1, 5000);
        requireRange("--retries", retries, 0, 100);
        requireRange("--retry-wait", retryWaitSeconds, 0, 3600);
        requireRange("--request-timeout", requestTimeoutSeconds, 1, 86_400);
        if (progress && noProgress) {
            throw new UsageException("give either --progress or --no-progress");
        }
        if (resume && restart) {
            throw new UsageException("give either --resume or --restart");
        }
        KeycloakAdmin.Credentials credentials = credentials(io.environment());

        Progress.Mode mode = progress ? Progress.Mode.ALWAYS : noProgress ? Progress.Mode.NEVER : Progress.Mode.AUTO;
        Progress[] bar = {Progress.disabled()};
        KeycloakAdmin admin = new KeycloakAdmin(url, credentials, Duration.ofSeconds(requestTimeoutSeconds), retries,
                retryWaitSeconds * 1000L, sleeper, nanoClock, message -> {
                    bar[0].interrupt();
                    err.println("legacy-hash migrate: " + message);
                    err.flush();
                });
        try {
            Status status = resolveComponent(admin);
            if (!"MIGRATE".equals(status.mode())) {
                throw new ServiceFailure("component '" + status.name() + "' (" + status.componentId() + ") is in mode "
                        + status.mode() + "; bulk migration needs mode MIGRATE (set the component's Mode first)");
            }
            Path file = stateFile != null ? stateFile
                    : Path.of("legacy-migration-" + fileSafe(realm) + "-" + fileSafe(status.componentId()) + ".state");
            try (StateLock ignored = StateLock.acquire(file)) {
                MigrationState state = initialState(file, status, url, err);
                bar[0] = new Progress(err, mode, io.errIsTerminal(), nanoClock, "rows", status.legacyRows(),
                        state.processed);
                // Ctrl-C (SIGINT, SIGTERM): the state file already holds the last finished batch; say how to go on.
                Thread onInterrupt = new Thread(() -> {
                    bar[0].interrupt();
                    err.println(String.format(Locale.ROOT, "legacy-hash migrate: interrupted; %,d rows done, "
                            + "progress saved in %s: run the same command with --resume to continue",
                            state.processed, file));
                    err.flush();
                }, "legacy-hash-migrate-interrupted");
                Runtime.getRuntime().addShutdownHook(onInterrupt);
                try {
                    return migrate(admin, state, file, bar[0], io.out(), err);
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(onInterrupt);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook is running or has run
                    }
                }
            }
        } finally {
            bar[0].interrupt();
            admin.logout();
        }
    }

    private KeycloakAdmin.Credentials credentials(Map<String, String> environment) {
        String pw = Secrets.resolve("--password", password, passwordEnv, passwordFile, environment);
        String secret = Secrets.resolve("--client-secret", clientSecret, clientSecretEnv, clientSecretFile, environment);
        if (user != null && clientId != null) {
            throw new UsageException("give either --user or --client-id, not both");
        }
        if (user == null && clientId == null) {
            throw new UsageException("give --user (with --password-env, --password-file or --password) or --client-id "
                    + "(with --client-secret-env, --client-secret-file or --client-secret)");
        }
        if (user != null) {
            if (pw == null) {
                throw new UsageException("--user needs a password: --password-env, --password-file or --password");
            }
            if (secret != null) {
                throw new UsageException("a client secret goes with --client-id, not with --user");
            }
            return new KeycloakAdmin.Credentials(authRealm.trim(), user, pw, null, null);
        }
        if (secret == null) {
            throw new UsageException("--client-id needs a secret: --client-secret-env, --client-secret-file or "
                    + "--client-secret");
        }
        if (pw != null) {
            throw new UsageException("a password goes with --user, not with --client-id");
        }
        return new KeycloakAdmin.Credentials(authRealm.trim(), null, null, clientId, secret);
    }

    // ---------------------------------------------------------------- component

    /** The component by id, else by name among the realm's legacy-database components. */
    Status resolveComponent(KeycloakAdmin admin) {
        String realmPath = "/" + KeycloakAdmin.segment(realm);
        KeycloakAdmin.Response byId = admin.get(realmPath + "/legacy-migration/" + KeycloakAdmin.segment(component));
        if (byId.status() == 200) {
            return status(byId.body());
        }
        if (byId.status() != 404) {
            throw unexpected("GET legacy-migration/" + component, byId);
        }
        KeycloakAdmin.Response list = admin.get(realmPath + "/components?type=" + USER_STORAGE_TYPE);
        if (list.status() == 404) {
            throw new ServiceFailure("realm '" + realm + "' was not found at " + admin.baseUrl());
        }
        if (list.status() == 403) {
            throw new ServiceFailure("no component with the id '" + component + "', and " + admin.who()
                    + " may not list the realm's components to find it by name (HTTP 403, needs view-realm); "
                    + "give the component id");
        }
        if (list.status() != 200) {
            throw unexpected("GET components", list);
        }
        List<Map<?, ?>> legacy = new ArrayList<>();
        try {
            if (Json.parse(list.body()) instanceof List<?> components) {
                for (Object c : components) {
                    if (c instanceof Map<?, ?> m && PROVIDER_ID.equals(m.get("providerId"))) {
                        legacy.add(m);
                    }
                }
            }
        } catch (Json.JsonException e) {
            throw new ServiceFailure("Keycloak's component list is not JSON");
        }
        List<Map<?, ?>> named = legacy.stream().filter(m -> component.equals(m.get("name"))).toList();
        if (named.isEmpty()) {
            throw new ServiceFailure("realm '" + realm + "' has no " + PROVIDER_ID + " component with the id or name '"
                    + component + "'" + (legacy.isEmpty() ? "" : "; it has: " + String.join(", ",
                    legacy.stream().map(m -> m.get("name") + " (" + m.get("id") + ")").toList())));
        }
        if (named.size() > 1) {
            throw new ServiceFailure("realm '" + realm + "' has " + named.size() + " " + PROVIDER_ID
                    + " components named '" + component + "'; give the id: " + String.join(", ",
                    named.stream().map(m -> String.valueOf(m.get("id"))).toList()));
        }
        String id = String.valueOf(named.get(0).get("id"));
        KeycloakAdmin.Response status = admin.get(realmPath + "/legacy-migration/" + KeycloakAdmin.segment(id));
        if (status.status() == 404) {
            throw new ServiceFailure("Keycloak has no legacy-migration endpoint for component '" + component + "' ("
                    + id + "): is this project's provider jar installed in that Keycloak?");
        }
        if (status.status() != 200) {
            throw unexpected("GET legacy-migration/" + id, status);
        }
        return status(status.body());
    }

    private static Status status(String body) {
        try {
            Map<String, Object> map = Json.parseObject(body);
            if (!(map.get("componentId") instanceof String id) || !(map.get("mode") instanceof String mode)) {
                throw new ServiceFailure("Keycloak's legacy-migration status has no componentId or mode");
            }
            String name = map.get("name") instanceof String n ? n : id;
            long rows = map.get("legacyRows") instanceof Json.Number n ? n.asLong(0) : 0;
            return new Status(id, name, mode, rows);
        } catch (Json.JsonException e) {
            throw new ServiceFailure("Keycloak's legacy-migration status is not JSON");
        }
    }

    private static ServiceFailure unexpected(String what, KeycloakAdmin.Response response) {
        if (response.status() == 403) {
            return new ServiceFailure("Keycloak refused " + what + " (HTTP 403): the account needs the realm's "
                    + "manage-users role");
        }
        return new ServiceFailure("Keycloak answered HTTP " + response.status() + " to " + what
                + KeycloakAdmin.errorText(response.body()));
    }

    // ---------------------------------------------------------------- state

    private MigrationState initialState(Path file, Status status, String url, PrintStream err) {
        MigrationState previous = Files.exists(file) ? MigrationState.read(file) : null;
        if (previous != null && (!realm.equals(previous.realm) || !status.componentId().equals(previous.componentId))) {
            throw new UsageException("the state file " + file + " belongs to realm '" + previous.realm
                    + "', component " + previous.componentId + "; give another --state-file");
        }
        MigrationState state;
        if (previous == null) {
            if (resume) {
                notice(err, "no state file " + file + " yet; starting from the first row");
            }
            state = fresh(status, url);
        } else if (previous.done) {
            notice(err, "the run in " + file + " finished at " + previous.updatedAt + " (" + previous.imported
                    + " imported, " + previous.skipped + " skipped, " + previous.failed + " failed); starting a new "
                    + "full run (users already in Keycloak are skipped)");
            state = fresh(status, url);
        } else if (resume) {
            notice(err, String.format(Locale.ROOT, "resuming the run of %s from legacy id %s (%,d rows done)",
                    file, previous.cursor == null ? "(start)" : previous.cursor, previous.processed));
            state = previous;
            state.legacyRows = status.legacyRows();
            state.keycloakUrl = url;
            state.componentName = status.name();
        } else if (restart) {
            notice(err, "discarding the unfinished run of " + file + " (" + previous.processed + " rows done); "
                    + "starting from the first row");
            state = fresh(status, url);
        } else {
            throw new UsageException(String.format(Locale.ROOT, "the state file %s holds an unfinished run "
                    + "(%,d of %,d rows, last batch at %s); add --resume to continue it, or --restart to start over",
                    file, previous.processed, previous.legacyRows, previous.updatedAt));
        }
        try {
            state.write(file);
        } catch (IOException e) {
            throw new UsageException("cannot write the state file " + file + " (" + describe(e) + ")");
        }
        return state;
    }

    private MigrationState fresh(Status status, String url) {
        return MigrationState.start(url, realm, status.componentId(), status.name(), status.legacyRows(),
                clock.instant());
    }

    // ---------------------------------------------------------------- batches

    private int migrate(KeycloakAdmin admin, MigrationState state, Path file, Progress bar, PrintStream out,
                        PrintStream err) {
        long started = nanoClock.getAsLong();
        long processedAtStart = state.processed;
        String batchPath = "/" + KeycloakAdmin.segment(realm) + "/legacy-migration/"
                + KeycloakAdmin.segment(state.componentId) + "/batch?size=" + batchSize;
        try {
            while (!state.done) {
                String path = batchPath + (state.cursor == null ? ""
                        : "&after=" + java.net.URLEncoder.encode(state.cursor, java.nio.charset.StandardCharsets.UTF_8));
                KeycloakAdmin.Response response = admin.post(path);
                if (response.status() != 200) {
                    throw unexpected("POST legacy-migration/" + state.componentId + "/batch", response);
                }
                applyBatch(state, response.body());
                try {
                    state.write(file);
                } catch (IOException e) {
                    throw new ServiceFailure("cannot write the state file " + file + " (" + describe(e) + ")");
                }
                bar.update(state.processed, tail(state));
            }
        } catch (ServiceFailure e) {
            bar.interrupt();
            throw new ServiceFailure(e.getMessage() + String.format(Locale.ROOT, "; %,d rows done, progress saved in %s:"
                    + " run the same command with --resume to continue", state.processed, file));
        }
        bar.finish(state.processed, tail(state));
        long elapsed = nanoClock.getAsLong() - started;
        out.print(summary(state, file, state.processed - processedAtStart, elapsed));
        out.flush();
        return state.failed == 0 ? LegacyHashCommand.OK : LegacyHashCommand.PROBLEMS;
    }

    private void applyBatch(MigrationState state, String body) {
        Map<String, Object> batch;
        try {
            batch = Json.parseObject(body);
        } catch (Json.JsonException e) {
            throw new ServiceFailure("Keycloak's batch answer is not JSON");
        }
        if (!(batch.get("done") instanceof Boolean done)) {
            throw new ServiceFailure("Keycloak's batch answer has no 'done'");
        }
        List<MigrationState.Failure> failures = new ArrayList<>();
        if (batch.get("failures") instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Map<?, ?> f) {
                    failures.add(new MigrationState.Failure(String.valueOf(f.get("legacyId")),
                            f.get("reason") instanceof String r ? r : "(no reason given)"));
                }
            }
        }
        String next = batch.get("nextCursor") instanceof String c ? c
                : batch.get("nextCursor") instanceof Json.Number n ? n.text() : state.cursor;
        state.apply(number(batch, "processed"), number(batch, "imported"), number(batch, "skipped"),
                number(batch, "failed"), failures, next, done, clock.instant());
        state.deferred += number(batch, "deferred");
    }

    private static long number(Map<String, Object> map, String key) {
        return map.get(key) instanceof Json.Number n ? n.asLong(0) : 0;
    }

    private static String tail(MigrationState state) {
        return String.format(Locale.ROOT, "imported %,d  skipped %,d  failed %,d", state.imported, state.skipped,
                state.failed);
    }

    static String summary(MigrationState state, Path file, long processedThisRun, long elapsedNanos) {
        StringBuilder out = new StringBuilder();
        out.append("Bulk migration of component '").append(state.componentName).append("' (").append(state.componentId)
                .append(") into realm '").append(state.realm).append("': done\n");
        out.append(String.format(Locale.ROOT, "  rows processed  %,10d%n", state.processed));
        out.append(String.format(Locale.ROOT, "  imported        %,10d%n", state.imported));
        out.append(String.format(Locale.ROOT, "  skipped         %,10d   (already in Keycloak)%n", state.skipped));
        out.append(String.format(Locale.ROOT, "  failed          %,10d%n", state.failed));
        if (state.deferred > 0) {
            out.append(String.format(Locale.ROOT, "  at first login  %,10d   (hashes that need the component's "
                    + "password format settings, or locked out)%n", state.deferred));
        }
        out.append(String.format(Locale.ROOT, "  this run        %,10d rows in %.1f s, %,.0f rows/s%n", processedThisRun,
                elapsedNanos / 1e9, Progress.rate(processedThisRun, elapsedNanos)));
        if (!state.failures.isEmpty()) {
            out.append("Not migrated (legacy id: reason):\n");
            for (MigrationState.Failure failure : state.failures) {
                out.append("  ").append(Audit.printable(failure.legacyId())).append(": ")
                        .append(Audit.printable(failure.reason())).append('\n');
            }
        }
        if (state.undescribedFailures() > 0) {
            out.append(String.format(Locale.ROOT, "  ... and %,d more not described here (Keycloak's log has one "
                    + "warning per row not migrated)%n", state.undescribedFailures()));
        }
        out.append("State file: ").append(file).append('\n');
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static void notice(PrintStream err, String message) {
        err.println("legacy-hash migrate: " + message);
        err.flush();
    }

    private static String fileSafe(String value) {
        return value.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void requireNotBlank(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** An exclusive lock on {@code <state file>.lock}, so that two runs never share a state file. */
    private static final class StateLock implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;

        private StateLock(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        static StateLock acquire(Path stateFile) {
            Path path = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UsageException("cannot create " + path + " next to the state file (" + describe(e) + ")");
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing held
                }
                throw new UsageException("another legacy-hash migrate is using the state file " + stateFile
                        + " (" + path + " is locked)");
            }
            return new StateLock(path, channel, lock);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // released by the OS at exit anyway
            }
        }
    }
}
