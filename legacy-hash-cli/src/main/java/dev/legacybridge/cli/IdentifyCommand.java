package dev.legacybridge.cli;

import dev.legacybridge.hash.HashIdentifier;
import dev.legacybridge.hash.StoredPassword;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code legacy-hash identify}: which scheme, or which recipe for a home-grown hash, reproduces a stored value from
 * its known password (read from standard input, as {@code verify} reads it).
 *
 * <pre>
 * $ printf '%s\n' 'correct horse battery staple' | legacy-hash identify --salt 'Xq3!salt' 1bce93d8...ee79
 * recipe_digest: home-grown digest or HMAC (md5/sha*(salt+password), pepper...), configured by parameters
 *   --param recipe=sha256 --param salt_source=column --param salt_position=before --param salt_encoding=text
 *   --param hash_encoding=hex
 * </pre>
 */
@Command(name = "identify",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = {
            "Finds which scheme, or which recipe for a home-grown hash (digest, HMAC or PBKDF2 with a salt column or a "
                + "salt inside the value, a pepper, hex/base64/raw), reproduces HASH from the password read from "
                + "standard input (one trailing newline removed, strict UTF-8), and prints the settings that configure "
                + "it. Every scheme is tried, weak ones included. Prints scheme ids and settings only, never the "
                + "password, the hash, the salt or the pepper."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:found (printed)", "1:nothing tried reproduces HASH",
            "64:usage error (bad option, invalid UTF-8 on standard input)"})
final class IdentifyCommand implements Callable<Integer> {

    @ParentCommand
    private LegacyHashCommand parent;

    @Mixin
    private FormatOptions formatOptions;

    @Option(names = "--salt", paramLabel = "SALT", description = "The row's salt column value, if the table has one.")
    private String salt;

    @Option(names = "--pepper-env", paramLabel = "VARIABLE",
            description = "Environment variable holding the application's pepper, to try recipes with it.")
    private String pepperEnv;

    @Option(names = "--iterations", paramLabel = "N",
            description = "An iteration count to try besides the usual ones (digests 1, 2, 1000, 1024; PBKDF2 1000 to "
                    + "100000).")
    private int iterations;

    @Parameters(index = "0", paramLabel = "HASH", description = "The stored value.")
    private String hash;

    @Override
    public Integer call() {
        LegacyHashCommand.Io io = parent.io();
        String pepper = null;
        if (pepperEnv != null) {
            pepper = io.environment().get(pepperEnv);
            if (pepper == null) {
                throw new UsageException("--pepper-env: environment variable " + pepperEnv + " is not set");
            }
        }
        if (iterations < 0) {
            throw new UsageException("--iterations must be positive");
        }
        var configuration = formatOptions.configuration(io.environment());
        String password = StdinPassword.read(io.in());
        List<HashIdentifier.Identification> found = HashIdentifier.identify(password, new StoredPassword(hash, salt),
                configuration, pepper, iterations);
        PrintStream out = io.out();
        if (found.isEmpty()) {
            out.println("no scheme or recipe reproduces the value (tried every scheme, and recipes: digests, HMACs and "
                    + "PBKDF2 with the usual iteration counts" + (salt == null ? ", no salt column given" : "")
                    + (pepper == null ? ", no pepper given" : "") + ")");
            out.flush();
            return LegacyHashCommand.MISMATCH;
        }
        for (HashIdentifier.Identification identification : found) {
            out.println(identification.scheme() + ": " + identification.description());
            if (!identification.parameters().isEmpty()) {
                StringBuilder line = new StringBuilder(" ");
                for (Map.Entry<String, String> e : identification.parameters().entrySet()) {
                    line.append(" --param ").append(e.getKey()).append('=').append(e.getValue());
                }
                out.println(line);
            }
        }
        out.flush();
        return LegacyHashCommand.MATCH;
    }
}
