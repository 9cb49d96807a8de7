package dev.legacybridge.cli;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.store.LegacySchemaOptions;
import dev.legacybridge.store.LegacyStoreException;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.SqlDialect;
import dev.legacybridge.store.jdbc.CheckedJdbcUrl;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code legacy-hash audit}: what is in a legacy users table before it is migrated. Reads every row once (keyset
 * paging), classifies each stored hash without verifying anything, and counts inactive users, rows without email and
 * usernames/emails that collide case-insensitively. Read-only; prints no hash, salt or password.
 *
 * <pre>
 * $ legacy-hash audit jdbc:sqlite:/srv/app/db.sqlite3
 * $ legacy-hash audit jdbc:postgresql://db:5432/app --user app --password-env PGPASSWORD --json --fail-on blockers
 * </pre>
 */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        sortOptions = false,
        abbreviateSynopsis = true,
        description = {
            "Reads a legacy users table (read-only) with the same schema options as the Keycloak provider and reports: "
                + "rows; rows per hash scheme; usable, unusable, no-password, malformed, unsupported and not-allowed "
                + "hashes under the hash policy (with example legacy ids); inactive users; rows without email or "
                + "username; usernames and emails that collide when lower-cased. Never verifies a password and never "
                + "prints a hash.",
            "Text for people by default, --json for tools. A progress line goes to standard error when it is a "
                + "terminal (or with --progress)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the audit ran (whatever it found)",
            "1:the audit ran and a --fail-on condition holds",
            "2:the database could not be read: cannot connect, login refused, table or column missing, SQL error",
            "64:usage error (bad option, unknown scheme, a JDBC URL the policy refuses, unreadable password file)"})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    private LegacyHashCommand parent;

    @Parameters(index = "0", paramLabel = "JDBC_URL",
            description = "e.g. jdbc:postgresql://db:5432/app, jdbc:mariadb://db:3306/app, jdbc:mysql://db:3306/app, "
                    + "jdbc:sqlite:/srv/app/db.sqlite3")
    private String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME", description = "Database user (not for SQLite).")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password. Visible to other local users in the process list: prefer "
                    + "--password-env or --password-file.")
    private String password;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the database password from this environment variable.")
    private String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the database password from this file (one trailing newline is ignored).")
    private Path passwordFile;

    @Mixin
    private SchemaOptions schemaOptions;

    @Mixin
    private PolicyOptions policyOptions;

    @Mixin
    private ConnectionRestrictionOptions restrictionOptions;

    @Mixin
    private FormatOptions formatOptions;

    @Option(names = "--json", description = "Print the report as JSON (format legacy-hash-audit/1, see docs/hashing.md).")
    private boolean json;

    @Option(names = "--fail-on", split = ",", paramLabel = "CONDITION",
            description = "Exit 1 when one of these holds: malformed, unsupported, not-allowed, unusable, no-password, "
                    + "inactive, no-email, no-first-name, no-last-name, incomplete-profile, no-username, username-collisions, "
                    + "email-collisions; 'collisions' is both "
                    + "collision kinds, 'blockers' is what bulk migration refuses (malformed, unsupported, not-allowed, "
                    + "no-username, username-collisions).")
    private List<String> failOn;

    @Option(names = "--examples", paramLabel = "N", description = "Example legacy ids per category (default ${DEFAULT-VALUE}).")
    private int examples = 10;

    @Option(names = "--top", paramLabel = "N", description = "Colliding usernames/emails listed (default ${DEFAULT-VALUE}).")
    private int top = 10;

    @Option(names = "--page-size", paramLabel = "N", description = "Rows per query (default ${DEFAULT-VALUE}).")
    private int pageSize = 1000;

    @Option(names = "--progress", description = "Show the progress line even when standard error is not a terminal "
            + "(then one line every 10 s).")
    private boolean progress;

    @Option(names = "--no-progress", description = "Never show the progress line.")
    private boolean noProgress;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Default ${DEFAULT-VALUE}.")
    private int connectTimeoutSeconds = 10;

    @Option(names = "--query-timeout", paramLabel = "SECONDS", description = "Per query; default ${DEFAULT-VALUE}.")
    private int queryTimeoutSeconds = 60;

    @Override
    public Integer call() {
        LegacyHashCommand.Io io = parent.io();
        // Everything that can be checked without the database is checked first: a usage error never connects.
        HashPolicy policy = policyOptions.policy();
        dev.legacybridge.hash.SchemeConfiguration formats = formatOptions.configuration(io.environment());
        LegacySchemaOptions.Resolved schema = schemaOptions.resolve();
        List<Audit.Condition> conditions = failOn == null ? List.of() : Audit.parseConditions(failOn);
        requireRange("--examples", examples, 0, 1000);
        requireRange("--top", top, 1, 1000);
        requireRange("--page-size", pageSize, 1, 10_000);
        requireRange("--connect-timeout", connectTimeoutSeconds, 1, 3600);
        requireRange("--query-timeout", queryTimeoutSeconds, 1, 86_400);
        if (progress && noProgress) {
            throw new UsageException("give either --progress or --no-progress");
        }
        String secret = Secrets.resolve("--password", password, passwordEnv, passwordFile, io.environment());
        CheckedJdbcUrl url = Jdbc.check(jdbcUrl, restrictionOptions.policy());
        SqlDialect dialect = url.kind().dialect();
        Progress.Mode mode = progress ? Progress.Mode.ALWAYS : noProgress ? Progress.Mode.NEVER : Progress.Mode.AUTO;
        Progress bar = new Progress(io.err(), mode, io.errIsTerminal(), System::nanoTime, "rows", 0, 0);
        Audit audit;
        try (Connection connection = Jdbc.openReadOnly(url, user, secret, connectTimeoutSeconds)) {
            LegacyUserRepository repository = new LegacyUserRepository(Jdbc.singleConnection(connection),
                    schema.schema(), dialect, Duration.ofSeconds(queryTimeoutSeconds));
            List<String> problems = repository.schemaCheck().checkSchema();
            if (!problems.isEmpty()) {
                boolean groups = schema.schema().groups() != null && problems.stream().anyMatch(p ->
                        p.contains("'" + schema.schema().groups().groupsTable() + "'")
                                || p.contains("'" + schema.schema().groups().userGroupsTable() + "'"));
                throw new ServiceFailure("the table does not match the schema options: " + String.join("; ", problems)
                        + (groups ? " (without group tables: --legacy-groups-as none)" : ""));
            }
            Audit.Source source = new Audit.Source(JdbcUrlPolicy.mask(jdbcUrl), dialect.name().toLowerCase(Locale.ROOT),
                    schema.preset(), schema.schema().usersTable(), policy.allowedSchemes());
            audit = Audit.run(repository, new LegacyPasswordVerifier(policy, formats), source, pageSize, examples, top,
                    bar);
        } catch (LegacyStoreException e) {
            bar.interrupt();
            throw new ServiceFailure(e.getMessage());
        } catch (SQLException e) {
            bar.interrupt();
            throw new ServiceFailure("legacy database error: " + Jdbc.firstLine(e));
        }

        io.out().print(json ? audit.toJson(conditions) : audit.toText(conditions));
        io.out().flush();
        List<Audit.Condition> met = audit.met(conditions);
        if (met.isEmpty()) {
            return LegacyHashCommand.OK;
        }
        io.err().println("legacy-hash audit: --fail-on condition" + (met.size() > 1 ? "s" : "") + " met: "
                + met.stream().map(c -> c.name + " (" + audit.count(c) + ")").collect(Collectors.joining(", ")));
        return LegacyHashCommand.PROBLEMS;
    }

    private static void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
