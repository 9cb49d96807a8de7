package dev.legacybridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code legacy-hash} command: checks and writes legacy password hashes from the command line, with the same code
 * the Keycloak provider runs.
 *
 * <pre>
 * printf '%s\n' 'secret' | legacy-hash verify '$2b$12$...'        # exit 0 match, 1 mismatch, 2 refused, 64 usage
 * legacy-hash verify --jsonl &lt; pairs.jsonl &gt; results.jsonl         # one {"result","scheme",...} line per input line
 * printf '%s\n' 'secret' | legacy-hash hash --scheme bcrypt --cost 12
 * legacy-hash schemes
 * legacy-hash audit jdbc:sqlite:/srv/app/db.sqlite3 [--json] [--fail-on blockers]   # 0 ran, 1 --fail-on met, 2 DB
 * legacy-hash migrate --keycloak-url URL --realm R --component C --user admin --password-env KC_PASSWORD [--resume]
 * </pre>
 *
 * <p>Adding a subcommand: write a {@code @Command} class like {@link VerifyCommand}, get the streams from
 * {@link #io()} through {@code @ParentCommand}, and list it in {@code subcommands} below. Every error reaches the user
 * as one line on standard error; nothing ever prints a stack trace.
 */
@Command(name = "legacy-hash",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = {"Verifies and writes legacy password hashes (Django, bcrypt, passlib, Werkzeug, SHA-crypt, LDAP), "
                + "audits a legacy user table and bulk-migrates it into Keycloak."},
        subcommands = {VerifyCommand.class, HashCommand.class, SchemesCommand.class, IdentifyCommand.class,
            AuditCommand.class, MigrateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (verify: match; audit: ran; migrate: done, no failed rows)",
            "1:verify: mismatch; audit: a --fail-on condition holds; migrate: done, some rows failed",
            "2:verify: hash malformed, unsupported or not allowed; audit, migrate: stopped by a database or Keycloak "
                + "error",
            "64:usage error (bad option, missing argument, invalid UTF-8 on standard input)",
            "70:internal error"})
public final class LegacyHashCommand implements Runnable {

    static final int MATCH = 0;
    static final int MISMATCH = 1;
    static final int REFUSED = 2;
    /** audit, migrate: the work was done. */
    static final int OK = 0;
    /** audit: a {@code --fail-on} condition holds; migrate: done, but some rows were not migrated. */
    static final int PROBLEMS = 1;
    /** audit, migrate: stopped because the database or Keycloak failed ({@link ServiceFailure}). */
    static final int STOPPED = 2;
    static final int USAGE = 64;
    static final int SOFTWARE = 70;

    private final Io io;

    @Spec
    private CommandSpec spec;

    LegacyHashCommand(Io io) {
        this.io = io;
    }

    /**
     * What every subcommand reads and writes; replaced in unit tests.
     *
     * @param errIsTerminal whether {@code err} is a terminal (progress bars are drawn by default only then)
     * @param environment   environment variables ({@code --password-env} and the like)
     */
    record Io(InputStream in, PrintStream out, PrintStream err, boolean errIsTerminal, Map<String, String> environment) {

        Io(InputStream in, PrintStream out, PrintStream err) {
            this(in, out, err, false, Map.of());
        }
    }

    Io io() {
        return io;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: verify, hash, schemes, audit or migrate");
    }

    public static void main(String[] args) {
        int code = run(args, new Io(System.in, System.out, System.err, Terminal.stderrIsTerminal(), System.getenv()));
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command with the given streams and returns its exit code; never throws. */
    static int run(String[] args, Io io) {
        try {
            CommandLine commandLine = new CommandLine(new LegacyHashCommand(io));
            commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
            commandLine.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
            commandLine.setParameterExceptionHandler((e, ignored) -> {
                String command = e.getCommandLine().getCommandSpec().qualifiedName();
                io.err().println(command + ": " + e.getMessage() + " (see " + command + " --help)");
                return USAGE;
            });
            commandLine.setExecutionExceptionHandler((e, cl, ignored) -> {
                String command = cl.getCommandSpec().qualifiedName();
                if (e instanceof UsageException) {
                    io.err().println(command + ": " + e.getMessage());
                    return USAGE;
                }
                if (e instanceof ServiceFailure) {
                    io.err().println(command + ": " + e.getMessage());
                    return STOPPED;
                }
                io.err().println(command + ": internal error (" + e.getClass().getSimpleName() + ")");
                return SOFTWARE;
            });
            return commandLine.execute(args);
        } catch (RuntimeException | Error e) {
            io.err().println("legacy-hash: internal error (" + e.getClass().getSimpleName() + ")");
            return SOFTWARE;
        }
    }

    /** Reads the version the build wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LegacyHashCommand.class.getPackage().getImplementationVersion();
            return new String[] {"legacy-hash " + (version == null ? "(development build)" : version)};
        }
    }
}
