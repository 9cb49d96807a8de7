package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code legacy-hash} CLI jar as an operator runs it ({@code java -jar}, a real process): {@code audit} against a
 * real PostgreSQL holding the seed of legacy-db/ plus 10,000 generated users, and {@code migrate} of that table into a
 * real Keycloak through the provider's admin REST endpoint, killed with {@code kill -9} halfway and resumed from its
 * state file.
 */
@DisplayName("Given the legacy-hash CLI jar, a legacy PostgreSQL table of 10,000+ users and a MIGRATE component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyHashCliIT {

    private static final int GENERATED = 10_000;
    /** Seeded rows bulk migration refuses: u_malformed, and the pair CaseUser/caseuser. */
    private static final List<String> NOT_MIGRATABLE = List.of("u_malformed", "CaseUser", "caseuser");
    /** The bootstrap admin of both Keycloak backends (DistributionKeycloak, testcontainers-keycloak's default). */
    private static final String KC_ADMIN = "admin";
    private static final String KC_ADMIN_PASSWORD = "admin";
    /** A service account of the test realm with manage-users and view-realm, for the client-credentials login. */
    private static final String SERVICE_CLIENT = "cli-migrate";
    private static final String SERVICE_SECRET = "cli-migrate-secret-0123456789";

    private KeycloakEnvironment keycloak;
    private EmbeddedPostgresLegacyDatabase postgres;
    private ItRealm realm;
    private String componentId;
    private long legacyRows;
    private Path dir;
    private Map<String, String> env;

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-cli"), true);
        postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) SELECT (SELECT password FROM auth_user WHERE username = 'u_bcrypt'), "
                + "FALSE, 'cli' || lpad(g::text, 5, '0'), 'Cli', 'User ' || g, 'cli' || g || '@example.org', FALSE, TRUE, "
                + "now() FROM generate_series(1, " + GENERATED + ") g;");
        postgres.execute("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT FALSE;");
        legacyRows = postgres.queryLong("SELECT count(*) FROM auth_user");

        Map<String, Object> serviceClient = Map.of("clientId", SERVICE_CLIENT, "enabled", true, "publicClient", false,
                "secret", SERVICE_SECRET, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false);
        Map<String, Object> serviceUser = Map.of("username", "service-account-" + SERVICE_CLIENT, "enabled", true,
                "serviceAccountClientId", SERVICE_CLIENT,
                "clientRoles", Map.of("realm-management", List.of("manage-users", "view-realm")));
        realm = ItRealm.create(keycloak, "cli", Map.of("clients", List.of(serviceClient), "users", List.of(serviceUser)));
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        config.put("migratedColumn", "migrated");
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg-cli",
                DemoRealm.LEGACY_PROVIDER_ID, config);

        dir = Dirs.fresh(ItSettings.workDir().resolve("cli"));
        env = Map.of("LEGACY_DB_PASSWORD", postgres.password(), "KC_ADMIN_PASSWORD", KC_ADMIN_PASSWORD,
                "KC_CLIENT_SECRET", SERVICE_SECRET);
    }

    @AfterAll
    void tearDown() {
        if (realm != null) {
            realm.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // ---------------------------------------------------------------- audit

    @Test
    @DisplayName("audit --json reports the known facts of the seed, and --fail-on blockers exits 1; no hash is printed")
    void auditWhenSeededPostgresThenKnownFactsOfTheSeedAndNoHash() {
        CliProcess.Result run = CliProcess.run(dir, "audit-json", env, 120, "audit", postgres.jdbcUrl(),
                "--user", postgres.username(), "--password-env", "LEGACY_DB_PASSWORD", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = Http.parse(run.out());
        assertThat(report.path("format").asText()).isEqualTo("legacy-hash-audit/1");
        assertThat(report.path("rows").asLong()).isEqualTo(legacyRows);
        JsonNode schemes = report.path("schemes");
        assertThat(schemes.path("bcrypt").path("rows").asLong()).as("johndoe, janedoe, u_bcrypt, CaseUser + generated")
                .isEqualTo(4 + GENERATED);
        assertThat(schemes.path("django_pbkdf2_sha256").path("rows").asLong()).isEqualTo(5);
        assertThat(schemes.path("django_pbkdf2_sha256").path("malformed").asLong()).as("u_malformed").isEqualTo(1);
        assertThat(schemes.path("sha512_crypt").path("rows").asLong()).as("u_sha512_crypt, caseuser").isEqualTo(2);
        assertThat(schemes.path("django_unusable").path("unusable").asLong()).isEqualTo(1);
        for (String weak : List.of("django_md5", "django_sha1", "django_unsalted_md5", "django_unsalted_sha1",
                "ldap_salted_sha1")) {
            assertThat(schemes.path(weak).path("weak").asBoolean()).as(weak).isTrue();
            assertThat(schemes.path(weak).path("notAllowed").asLong()).as(weak + " under the default policy").isEqualTo(1);
        }
        for (String strong : List.of("django_argon2", "django_scrypt", "pbkdf2_sha512", "werkzeug_scrypt", "argon2")) {
            assertThat(schemes.path(strong).path("usable").asLong()).as(strong).isEqualTo(1);
        }

        JsonNode hashes = report.path("hashes");
        assertThat(hashes.path("malformed").path("rows").asLong()).isEqualTo(1);
        assertThat(hashes.path("malformed").path("examples").get(0).path("legacyId").asText()).isEqualTo(id("u_malformed"));
        assertThat(hashes.path("unusable").path("rows").asLong()).isEqualTo(1);
        assertThat(hashes.path("unusable").path("examples").get(0).path("legacyId").asText()).isEqualTo(id("u_unusable"));
        assertThat(hashes.path("notAllowed").path("rows").asLong()).isEqualTo(5);
        assertThat(hashes.path("unsupported").path("rows").asLong()).isZero();
        assertThat(hashes.path("noPassword").path("rows").asLong()).isZero();
        assertThat(hashes.path("usable").path("rows").asLong()).isEqualTo(legacyRows - 7);

        assertThat(report.path("inactive").path("rows").asLong()).isEqualTo(1);
        assertThat(report.path("inactive").path("examples").get(0).asText()).as("alice").isEqualTo(id("alice"));
        assertThat(report.path("withoutEmail").path("rows").asLong()).isEqualTo(1);
        assertThat(report.path("withoutEmail").path("examples").get(0).asText()).isEqualTo(id("u_unusable"));
        assertThat(report.path("usernameCollisions").path("values").asLong()).isEqualTo(1);
        assertThat(report.path("usernameCollisions").path("rows").asLong()).isEqualTo(2);
        assertThat(report.path("usernameCollisions").path("top").get(0).path("value").asText()).isEqualTo("caseuser");
        assertThat(report.path("emailCollisions").path("values").asLong()).isZero();
        assertNoSecretIn(run);

        CliProcess.Result gate = CliProcess.run(dir, "audit-gate", env, 120, "audit", postgres.jdbcUrl(),
                "--user", postgres.username(), "--password-env", "LEGACY_DB_PASSWORD", "--fail-on", "blockers",
                "--allow-weak");
        assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(1);
        assertThat(gate.out()).contains("Hash schemes", "caseuser", "legacy id " + id("u_malformed"));
        assertThat(gate.err()).contains("--fail-on conditions met: malformed (1), username-collisions (1)")
                .doesNotContain("not-allowed");
        assertNoSecretIn(gate);

        int port = FreePorts.next();
        String nobodyListening = "jdbc:postgresql://127.0.0.1:" + port + "/legacy";
        CliProcess.Result unreachable = CliProcess.run(dir, "audit-unreachable", env, 60, "audit", nobodyListening,
                "--user", postgres.username(), "--password-env", "LEGACY_DB_PASSWORD", "--connect-timeout", "3");
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(2);
        assertThat(unreachable.err()).startsWith("legacy-hash audit: cannot connect to PostgreSQL at 127.0.0.1:" + port
                + "/legacy: ");
        assertThat(unreachable.out()).isEmpty();
        assertNoSecretIn(unreachable);
    }

    // ---------------------------------------------------------------- migrate

    @Test
    @DisplayName("migrate killed with kill -9 and resumed: every migratable row once, the bad rows listed, a second run imports nothing")
    void migrateWhenKilledAndResumedThenEveryRowOnceAndSecondRunImportsNothing() throws IOException {
        Path state = dir.resolve("migrate.state");
        long localBefore = localUsers(); // the realm's service-account user, depending on how Keycloak counts
        List<String> common = List.of("migrate", "--keycloak-url", keycloak.baseUrl(), "--realm", realm.name(),
                "--state-file", state.toString(), "--progress");

        // 1. By name, as the master admin; killed once its state file shows progress.
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("--component", "legacy-pg-cli", "--user", KC_ADMIN, "--password-env", "KC_ADMIN_PASSWORD",
                "--batch-size", "250"));
        CliProcess running = CliProcess.start(dir, "migrate-killed", env, first);
        JsonNode progress = Poll.until(Duration.ofSeconds(90), Duration.ofMillis(50), () -> readState(state),
                s -> s.path("processed").asLong() >= 1000 || !running.process().isAlive());
        assertThat(running.process().isAlive()).as("still running after %s rows", progress.path("processed")).isTrue();
        CliProcess.Result killed = running.kill();
        JsonNode afterKill = readState(state);
        assertThat(afterKill.path("done").asBoolean()).as(killed.toString()).isFalse();
        assertThat(afterKill.path("processed").asLong()).isBetween(1000L, legacyRows - 1);
        assertThat(afterKill.path("componentId").asText()).isEqualTo(componentId);
        assertThat(killed.err()).as("progress went to stderr").contains(" rows/s", "ETA");
        assertThat(killed.out()).isEmpty();

        // 2. Again without --resume: the unfinished run is not silently thrown away.
        List<String> again = new ArrayList<>(common);
        again.addAll(List.of("--component", componentId, "--client-id", SERVICE_CLIENT, "--client-secret-env",
                "KC_CLIENT_SECRET", "--auth-realm", realm.name()));
        CliProcess.Result refused = CliProcess.run(dir, "migrate-refused", env, 60, again.toArray(String[]::new));
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(64);
        assertThat(refused.err()).contains("holds an unfinished run", "--resume", "--restart");

        // 3. --resume, by id, as the realm's service account (client credentials): finishes, lists the bad rows.
        List<String> resume = new ArrayList<>(again);
        resume.addAll(List.of("--resume", "--batch-size", "1000"));
        CliProcess.Result resumed = CliProcess.run(dir, "migrate-resumed", env, 300, resume.toArray(String[]::new));
        assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(1);
        assertThat(resumed.err()).contains("resuming the run of");
        assertThat(resumed.out()).contains("Not migrated (legacy id: reason):")
                .contains("  " + id("u_malformed") + ": password hash malformed (scheme django_pbkdf2_sha256)")
                .contains("  " + id("CaseUser") + ": username differs only by case")
                .contains("  " + id("caseuser") + ": username differs only by case");
        JsonNode done = readState(state);
        assertThat(done.path("done").asBoolean()).isTrue();
        assertThat(done.path("processed").asLong()).as("each row counted once over both processes").isEqualTo(legacyRows);
        assertThat(done.path("failed").asLong()).isEqualTo(NOT_MIGRATABLE.size());
        assertThat(done.path("imported").asLong() + done.path("skipped").asLong())
                .isEqualTo(legacyRows - NOT_MIGRATABLE.size());
        assertThat(localUsers()).as("every migratable row is in Keycloak exactly once")
                .isEqualTo(localBefore + legacyRows - NOT_MIGRATABLE.size());
        assertThat(postgres.queryLong("SELECT count(*) FROM auth_user WHERE migrated"))
                .isEqualTo(legacyRows - NOT_MIGRATABLE.size());
        System.out.println("[LegacyHashCliIT] resumed run: " + thisRunLine(resumed.out()));

        // 4. A second full run (the state file's run is finished, so it starts over): nothing imported.
        List<String> second = new ArrayList<>(again);
        second.addAll(List.of("--batch-size", "5000"));
        CliProcess.Result rerun = CliProcess.run(dir, "migrate-second", env, 300, second.toArray(String[]::new));
        assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(1);
        assertThat(rerun.err()).contains("finished at", "starting a new full run");
        JsonNode secondState = readState(state);
        assertThat(secondState.path("imported").asLong()).as("a second run imports nothing").isZero();
        assertThat(secondState.path("skipped").asLong()).isEqualTo(legacyRows - NOT_MIGRATABLE.size());
        assertThat(secondState.path("failed").asLong()).isEqualTo(NOT_MIGRATABLE.size());
        assertThat(localUsers()).isEqualTo(localBefore + legacyRows - NOT_MIGRATABLE.size());
        System.out.println("[LegacyHashCliIT] second run: " + thisRunLine(rerun.out()));
        for (CliProcess.Result result : List.of(killed, refused, resumed, rerun)) {
            assertNoSecretIn(result);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String id(String username) {
        return String.valueOf(postgres.queryLong("SELECT id FROM auth_user WHERE username = '" + username + "'"));
    }

    /** Users in Keycloak's own store: counted with the component disabled, as BulkMigrationIT does. */
    private long localUsers() {
        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "false"));
        try {
            return keycloak.admin().countUsers(realm.name(), Map.of());
        } finally {
            keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "true"));
        }
    }

    private static JsonNode readState(Path state) {
        try {
            return Files.exists(state) ? Http.parse(Files.readString(state)) : Http.JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String thisRunLine(String out) {
        Matcher m = Pattern.compile("this run\\s+(.*)").matcher(out);
        return m.find() ? m.group(1).trim() : "(no summary)";
    }

    /** No stored hash of the table (distinct values), no database password and no Keycloak secret in the output. */
    private void assertNoSecretIn(CliProcess.Result result) {
        List<String> hashes = new ArrayList<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT password FROM auth_user")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String all = result.out() + result.err();
        for (String hash : hashes) {
            assertThat(all).doesNotContain(hash);
            // the salt or digest field of a hash, e.g. the part after the last '$', is no safer to print
            String tail = hash.substring(hash.lastIndexOf('$') + 1);
            if (tail.length() >= 12) {
                assertThat(all).doesNotContain(tail);
            }
        }
        assertThat(all).doesNotContain(postgres.password()).doesNotContain(SERVICE_SECRET)
                .doesNotContain("access_token");
    }
}
