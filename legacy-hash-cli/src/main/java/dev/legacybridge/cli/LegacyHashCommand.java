package dev.legacybridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code legacy-hash} command: checks and writes legacy password hashes from the command line, with the same code
 * the Keycloak provider runs.
 *
 * <pre>
 * printf '%s\n' 'secret' | legacy-hash verify '$2b$12$...'        # exit 0 match, 1 mismatch, 2 refused, 64 usage
 * legacy-hash verify --jsonl &lt; pairs.jsonl &gt; results.jsonl         # one {"result","scheme",...} line per input line
 * printf '%s\n' 'secret' | legacy-hash hash --scheme bcrypt --cost 12
 * legacy-hash schemes
 * </pre>
 *
 * <p>Adding a subcommand: write a {@code @Command} class like {@link VerifyCommand}, get the streams from
 * {@link #io()} through {@code @ParentCommand}, and list it in {@code subcommands} below. Every error reaches the user
 * as one line on standard error; nothing ever prints a stack trace.
 */
@Command(name = "legacy-hash",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = "Verifies and writes legacy password hashes (Django, bcrypt, passlib, Werkzeug, SHA-crypt, LDAP).",
        subcommands = {VerifyCommand.class, HashCommand.class, SchemesCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (verify: the password matches)",
            "1:verify: the password does not match",
            "2:verify: the stored hash is malformed, unsupported or not allowed by the policy",
            "64:usage error (bad option, missing argument, invalid UTF-8 on standard input)",
            "70:internal error"})
public final class LegacyHashCommand implements Runnable {

    static final int MATCH = 0;
    static final int MISMATCH = 1;
    static final int REFUSED = 2;
    static final int USAGE = 64;
    static final int SOFTWARE = 70;

    private final Io io;

    @Spec
    private CommandSpec spec;

    LegacyHashCommand(Io io) {
        this.io = io;
    }

    /** The streams every subcommand reads and writes; replaced by test streams in unit tests. */
    record Io(InputStream in, PrintStream out, PrintStream err) {
    }

    Io io() {
        return io;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: verify, hash or schemes");
    }

    public static void main(String[] args) {
        int code = run(args, new Io(System.in, System.out, System.err));
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
