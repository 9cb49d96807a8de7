package dev.legacybridge.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code legacy-hash migrate} in-process against {@link FakeKeycloak}. */
class MigrateCommandTest {

    @TempDir
    Path dir;

    private FakeKeycloak keycloak;
    private Path state;
    private final List<CliRun> runs = new ArrayList<>();

    @BeforeEach
    void start() {
        keycloak = new FakeKeycloak();
        state = dir.resolve("migration.state");
    }

    @AfterEach
    void stop() {
        keycloak.close();
        for (CliRun run : runs) {
            String all = run.out() + run.err();
            assertThat(all).as("no secret in any output").doesNotContain(FakeKeycloak.ADMIN_PASSWORD)
                    .doesNotContain(FakeKeycloak.CLIENT_SECRET).doesNotContain("access-").doesNotContain("refresh-");
        }
    }

    /** migrate against the fake, as the admin user, with the state file in the test directory; extra args appended. */
    private CliRun migrate(String... extra) {
        return migrateComponent(FakeKeycloak.COMPONENT_ID, extra);
    }

    private CliRun migrateComponent(String component, String... extra) {
        List<String> args = new ArrayList<>(List.of("migrate", "--keycloak-url", keycloak.url(), "--realm",
                FakeKeycloak.REALM, "--component", component, "--user", FakeKeycloak.ADMIN,
                "--password-env", "KC_PASSWORD", "--state-file", state.toString(), "--retry-wait", "0"));
        args.addAll(Arrays.asList(extra));
        return raw(args.toArray(String[]::new));
    }

    private CliRun raw(String... args) {
        CliRun run = CliRun.withEnv(Map.of("KC_PASSWORD", FakeKeycloak.ADMIN_PASSWORD,
                "KC_SECRET", FakeKeycloak.CLIENT_SECRET), args);
        runs.add(run);
        return run;
    }

    private MigrationState state() {
        return MigrationState.read(state);
    }

    @Test
    void migrateWhenEveryRowMigratesThenExit0SummaryAndFinishedState() {
        CliRun run = migrate("--batch-size", "500");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(keycloak.batchAfters).containsExactly(null, "500", "1000");
        assertThat(keycloak.batchSizes).containsOnly(500);
        assertThat(run.out()).startsWith("Bulk migration of component 'legacy-db' (" + FakeKeycloak.COMPONENT_ID
                        + ") into realm 'acme': done\n")
                .containsPattern("(?m)^  rows processed +1,200$")
                .containsPattern("(?m)^  imported +1,200$")
                .containsPattern("(?m)^  skipped +0   \\(already in Keycloak\\)$")
                .containsPattern("(?m)^  failed +0$")
                .containsPattern("(?m)^  this run +1,200 rows in [0-9.]+ s, [0-9,]+ rows/s$")
                .doesNotContain("Not migrated")
                .endsWith("State file: " + state + "\n");
        assertThat(run.err()).as("not a terminal, no --progress").isEmpty();
        MigrationState s = state();
        assertThat(s.done).isTrue();
        assertThat(s.cursor).isEqualTo("1200");
        assertThat(s.processed).isEqualTo(1200);
        assertThat(s.imported).isEqualTo(1200);
        assertThat(s.legacyRows).isEqualTo(1200);
        assertThat(s.keycloakUrl).isEqualTo(keycloak.url());
        assertThat(keycloak.tokenRequests).hasSize(1);
        assertThat(keycloak.tokenRequests.get(0)).containsEntry("grant_type", "password")
                .containsEntry("client_id", "admin-cli").containsEntry("username", "admin");
        assertThat(keycloak.logouts.get()).isEqualTo(1);
        assertThat(dir.resolve("migration.state.lock")).doesNotExist();
    }

    @Test
    void migrateWhenRowsFailThenExit1AndEachListedWithItsReason() {
        keycloak.failing.put(24, "password hash malformed (scheme django_pbkdf2_sha256): bad base64");
        keycloak.failing.put(26, "username differs only by case from another legacy user's");
        keycloak.failing.put(1100, "Keycloak refused the user: email exists");

        CliRun run = migrate();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^  imported +1,197$").containsPattern("(?m)^  failed +3$")
                .contains("Not migrated (legacy id: reason):\n"
                        + "  24: password hash malformed (scheme django_pbkdf2_sha256): bad base64\n"
                        + "  26: username differs only by case from another legacy user's\n"
                        + "  1100: Keycloak refused the user: email exists\n");
        assertThat(state().failures).extracting(MigrationState.Failure::legacyId).containsExactly("24", "26", "1100");
    }

    @Test
    void migrateWhenProgressForcedThenLinesOnStderrWithCountsNotOnStdout() {
        keycloak.failing.put(7, "x");

        CliRun run = migrate("--progress", "--batch-size", "400");

        assertThat(run.err()).startsWith("400/1,200 rows  33% [######..............]")
                .contains("imported 399  skipped 0  failed 1")
                .contains("1,200/1,200 rows 100% [####################]")
                .contains("imported 1,199  skipped 0  failed 1\n");
        assertThat(run.out()).doesNotContain("rows/s  ETA");
    }

    @Test
    void migrateWhen503ThenRetriedWithNoticesAndFinishes() {
        keycloak.batchFaults.add(503);
        keycloak.batchFaults.add(503);

        CliRun run = migrate();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEqualTo(""
                + "legacy-hash migrate: Keycloak answered HTTP 503 for POST /acme/legacy-migration/"
                + FakeKeycloak.COMPONENT_ID + "/batch?size=500 (the legacy database is unavailable): The legacy database "
                + "is unavailable; retry later; retry 1 of 5 in 0 ms\n"
                + "legacy-hash migrate: Keycloak answered HTTP 503 for POST /acme/legacy-migration/"
                + FakeKeycloak.COMPONENT_ID + "/batch?size=500 (the legacy database is unavailable): The legacy database "
                + "is unavailable; retry later; retry 2 of 5 in 0 ms\n");
        assertThat(state().processed).isEqualTo(1200);
    }

    @Test
    void migrateWhen503PersistsThenExit2StateKeptAndResumeContinuesFromTheCursor() {
        keycloak.afterBatch = () -> keycloak.alwaysBatchStatus = 503; // the legacy DB goes down after the first batch

        CliRun stopped = migrate("--retries", "2");

        assertThat(stopped.exitCode()).isEqualTo(2);
        assertThat(stopped.err()).endsWith("legacy-hash migrate: Keycloak answered HTTP 503 for POST /acme/legacy-migration/"
                + FakeKeycloak.COMPONENT_ID + "/batch?size=500&after=500 (the legacy database is unavailable): The legacy "
                + "database is unavailable; retry later; gave up after 3 attempts; 500 rows done, progress saved in "
                + state + ": run the same command with --resume to continue\n");
        assertThat(stopped.out()).isEmpty();
        assertThat(state().cursor).isEqualTo("500");
        assertThat(state().done).isFalse();

        keycloak.afterBatch = () -> { };
        keycloak.alwaysBatchStatus = 0;
        CliRun again = migrate();
        assertThat(again.exitCode()).isEqualTo(64);
        assertThat(again.err()).isEqualTo("legacy-hash migrate: the state file " + state + " holds an unfinished run "
                + "(500 of 1,200 rows, last batch at " + state().updatedAt + "); add --resume to continue it, or "
                + "--restart to start over\n");

        keycloak.batchAfters.clear();
        CliRun resumed = migrate("--resume");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).isEqualTo("legacy-hash migrate: resuming the run of " + state
                + " from legacy id 500 (500 rows done)\n");
        assertThat(keycloak.batchAfters).containsExactly("500", "1000");
        assertThat(resumed.out()).containsPattern("(?m)^  rows processed +1,200$")
                .containsPattern("(?m)^  this run +700 rows in ");
        assertThat(state().processed).isEqualTo(1200);
        assertThat(state().imported).isEqualTo(1200);
    }

    @Test
    void migrateWhenPreviousRunFinishedThenReportedAndANewFullRunImportsNothing() {
        assertThat(migrate().exitCode()).isZero();
        keycloak.batchAfters.clear();

        CliRun second = migrate("--resume");

        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).startsWith("legacy-hash migrate: the run in " + state + " finished at ")
                .endsWith(" (1200 imported, 0 skipped, 0 failed); starting a new full run (users already in Keycloak "
                        + "are skipped)\n");
        assertThat(keycloak.batchAfters.get(0)).isNull();
        assertThat(state().imported).isZero();
        assertThat(state().skipped).isEqualTo(1200);
    }

    @Test
    void migrateWhenRestartThenTheUnfinishedRunIsDiscardedAndStartsFromTheFirstRow() {
        keycloak.afterBatch = () -> keycloak.alwaysBatchStatus = 502;
        assertThat(migrate("--retries", "0").exitCode()).isEqualTo(2);
        keycloak.afterBatch = () -> { };
        keycloak.alwaysBatchStatus = 0;
        keycloak.batchAfters.clear();

        CliRun run = migrate("--restart");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("legacy-hash migrate: discarding the unfinished run of " + state
                + " (500 rows done); starting from the first row\n");
        assertThat(keycloak.batchAfters.get(0)).isNull();
        assertThat(state().processed).isEqualTo(1200);
        assertThat(state().skipped).isEqualTo(500);
    }

    @Test
    void migrateWhenResumeWithoutStateFileThenStartsFromTheFirstRow() {
        CliRun run = migrate("--resume");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("legacy-hash migrate: no state file " + state
                + " yet; starting from the first row\n");
    }

    @Test
    void migrateWhenStateFileOfAnotherComponentThenExit64AndUntouched() throws Exception {
        MigrationState other = MigrationState.start("http://x", FakeKeycloak.REALM, "other-id", "other", 5,
                java.time.Instant.EPOCH);
        other.write(state);
        String before = Files.readString(state);

        CliRun run = migrate("--resume");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).isEqualTo("legacy-hash migrate: the state file " + state + " belongs to realm 'acme', "
                + "component other-id; give another --state-file\n");
        assertThat(Files.readString(state)).isEqualTo(before);
        assertThat(keycloak.batchAfters).isEmpty();
    }

    @Test
    void migrateWhenStateFileLockedByAnotherRunThenExit64() throws Exception {
        try (FileChannel channel = FileChannel.open(dir.resolve("migration.state.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            CliRun run = migrate();

            assertThat(run.exitCode()).isEqualTo(64);
            assertThat(run.err()).contains("another legacy-hash migrate is using the state file " + state);
        }
        assertThat(keycloak.batchAfters).isEmpty();
    }

    @Test
    void migrateWhenNoStateFileOptionThenDefaultNameInTheCurrentDirectory() {
        Path expected = Path.of("legacy-migration-acme-" + FakeKeycloak.COMPONENT_ID + ".state");
        try {
            CliRun run = raw("migrate", "--keycloak-url", keycloak.url(), "--realm", FakeKeycloak.REALM,
                    "--component", FakeKeycloak.COMPONENT_ID, "--user", FakeKeycloak.ADMIN, "--password-env",
                    "KC_PASSWORD");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).endsWith("State file: " + expected + "\n");
            assertThat(expected).exists();
        } finally {
            try {
                Files.deleteIfExists(expected);
            } catch (java.io.IOException ignored) {
                // best effort
            }
        }
    }

    @Test
    void migrateWhenComponentGivenByNameThenResolvedThroughTheComponentList() {
        keycloak.extraComponents.add("{\"id\":\"ldap-1\",\"name\":\"legacy-db\",\"providerId\":\"ldap\"}");

        CliRun run = migrateComponent(FakeKeycloak.COMPONENT_NAME);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(state().componentId).isEqualTo(FakeKeycloak.COMPONENT_ID);
    }

    @Test
    void migrateWhenComponentUnknownAmbiguousOrNotListableThenExit2WithTheChoices() {
        CliRun unknown = migrateComponent("nope");
        keycloak.extraComponents.add("{\"id\":\"c-2\",\"name\":\"legacy-db\",\"providerId\":\"legacy-database\"}");
        CliRun ambiguous = migrateComponent(FakeKeycloak.COMPONENT_NAME);
        keycloak.listForbidden = true;
        CliRun forbidden = migrateComponent(FakeKeycloak.COMPONENT_NAME);

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("legacy-hash migrate: realm 'acme' has no legacy-database component with "
                + "the id or name 'nope'; it has: legacy-db (" + FakeKeycloak.COMPONENT_ID + ")\n");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).isEqualTo("legacy-hash migrate: realm 'acme' has 2 legacy-database components "
                + "named 'legacy-db'; give the id: " + FakeKeycloak.COMPONENT_ID + ", c-2\n");
        assertThat(forbidden.exitCode()).isEqualTo(2);
        assertThat(forbidden.err()).contains("may not list the realm's components", "give the component id");
        assertThat(state).doesNotExist();
    }

    @Test
    void migrateWhenRealmUnknownOrModeNotMigrateThenExit2() {
        CliRun noRealm = raw("migrate", "--keycloak-url", keycloak.url(), "--realm", "nope", "--component", "x",
                "--user", FakeKeycloak.ADMIN, "--password-env", "KC_PASSWORD", "--state-file", state.toString());
        keycloak.mode = "READ_ONLY";
        CliRun readOnly = migrate();

        assertThat(noRealm.exitCode()).isEqualTo(2);
        assertThat(noRealm.err()).isEqualTo("legacy-hash migrate: realm 'nope' was not found at " + keycloak.url() + "\n");
        assertThat(readOnly.exitCode()).isEqualTo(2);
        assertThat(readOnly.err()).isEqualTo("legacy-hash migrate: component 'legacy-db' (" + FakeKeycloak.COMPONENT_ID
                + ") is in mode READ_ONLY; bulk migration needs mode MIGRATE (set the component's Mode first)\n");
        assertThat(keycloak.batchAfters).isEmpty();
    }

    @Test
    void migrateWhenLoginRefusedThenExit2NamingTheAccountNotThePassword() {
        CliRun run = CliRun.withEnv(Map.of("KC_PASSWORD", "wrong-password-3"), "migrate", "--keycloak-url",
                keycloak.url(), "--realm", FakeKeycloak.REALM, "--component", FakeKeycloak.COMPONENT_ID, "--user", "admin",
                "--password-env", "KC_PASSWORD", "--state-file", state.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("legacy-hash migrate: Keycloak refused the login of user 'admin' of realm "
                + "master (HTTP 401): invalid_grant - Invalid user credentials\n");
        assertThat(run.err()).doesNotContain("wrong-password-3");
    }

    @Test
    void migrateWhenTokenRejectedOnceThenLogsInAgainAndContinues() {
        keycloak.afterBatch = () -> {
            if (keycloak.batchAfters.size() == 1) {
                keycloak.rejectNextToken = true;
            }
        };

        CliRun run = migrate();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(keycloak.tokenRequests).hasSize(2);
        assertThat(state().processed).isEqualTo(1200);
    }

    @Test
    void migrateWhenClientCredentialsThenServiceAccountLoginInTheAuthRealm() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("secret"), FakeKeycloak.CLIENT_SECRET + "\n");

        CliRun run = raw("migrate", "--keycloak-url", keycloak.url() + "/", "--realm", FakeKeycloak.REALM,
                "--component", FakeKeycloak.COMPONENT_ID, "--client-id", FakeKeycloak.CLIENT_ID, "--client-secret-file",
                secretFile.toString(), "--auth-realm", FakeKeycloak.REALM, "--state-file", state.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(keycloak.tokenRequests).hasSize(1);
        assertThat(keycloak.tokenRequests.get(0)).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", FakeKeycloak.CLIENT_ID).containsEntry("client_secret", FakeKeycloak.CLIENT_SECRET);
        assertThat(keycloak.logouts.get()).as("no session to end").isZero();
    }

    @Test
    void migrateWhenKeycloakUnreachableThenRetriedThenExit2() {
        String closed = "http://127.0.0.1:" + freePort();

        CliRun run = raw("migrate", "--keycloak-url", closed, "--realm", "acme", "--component", "c", "--user",
                "admin", "--password-env", "KC_PASSWORD", "--state-file", state.toString(), "--retries", "1",
                "--retry-wait", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("legacy-hash migrate: cannot reach Keycloak at " + closed + " for login (")
                .contains("; retry 1 of 1 in 0 ms\n")
                .endsWith("; gave up after 2 attempts\n");
        assertThat(state).doesNotExist();
    }

    @Test
    void migrateWhenUsageErrorsThenExit64WithoutAnyRequest() {
        String url = keycloak.url();
        String[] base = {"migrate", "--keycloak-url", url, "--realm", "acme", "--component", "c"};
        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("migrate", "--realm", "acme", "--component", "c"), "Missing required option: "
                        + "'--keycloak-url=URL'"),
                Map.entry(with(base), "give --user (with --password-env, --password-file or --password) or --client-id"),
                Map.entry(with(base, "--user", "admin"), "--user needs a password"),
                Map.entry(with(base, "--client-id", "x"), "--client-id needs a secret"),
                Map.entry(with(base, "--user", "a", "--client-id", "x"), "give either --user or --client-id, not both"),
                Map.entry(with(base, "--user", "a", "--password-env", "KC_PASSWORD", "--client-secret-env", "KC_SECRET"),
                        "a client secret goes with --client-id, not with --user"),
                Map.entry(with(base, "--user", "a", "--password", "p", "--password-env", "KC_PASSWORD"),
                        "give only one of --password, --password-env and --password-file"),
                Map.entry(with(base, "--user", "a", "--password-env", "UNSET_VARIABLE_Y"),
                        "environment variable UNSET_VARIABLE_Y is not set"),
                Map.entry(with(base, "--user", "a", "--password", "p", "--batch-size", "5001"),
                        "--batch-size must be between 1 and 5000"),
                Map.entry(with(base, "--user", "a", "--password", "p", "--resume", "--restart"),
                        "give either --resume or --restart"),
                Map.entry(List.of("migrate", "--keycloak-url", "ftp://kc", "--realm", "acme", "--component", "c",
                        "--user", "a", "--password", "p"), "--keycloak-url must start with http:// or https://"),
                Map.entry(List.of("migrate", "--keycloak-url", url, "--realm", " ", "--component", "c", "--user", "a",
                        "--password", "p"), "--realm must not be empty"));
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            CliRun run = raw(c.getKey().toArray(String[]::new));

            assertThat(run.exitCode()).as(c.getKey() + "\n" + run).isEqualTo(64);
            assertThat(run.err()).as(c.getKey().toString()).startsWith("legacy-hash migrate: ").contains(c.getValue());
        }
        assertThat(keycloak.tokenRequests).isEmpty();
        assertThat(keycloak.batchAfters).isEmpty();
    }

    private static List<String> with(String[] base, String... more) {
        List<String> args = new ArrayList<>(Arrays.asList(base));
        args.addAll(Arrays.asList(more));
        return args;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
