package dev.legacybridge.cli;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code legacy-hash hash}: writes a new stored value for the password read from standard input, in a format the
 * legacy application reads back.
 *
 * <pre>
 * $ printf '%s\n' 'secret' | legacy-hash hash --scheme bcrypt --cost 10
 * $2b$10$...
 * </pre>
 */
@Command(name = "hash",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = "Hashes the password read from standard input (one trailing newline removed, strict UTF-8) "
                + "with a fresh random salt and prints the stored value.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed the hash", "64:usage error (bad scheme or cost, invalid UTF-8, unusable password)"})
final class HashCommand implements Callable<Integer> {

    @ParentCommand
    private LegacyHashCommand parent;

    @Option(names = "--scheme", required = true, paramLabel = "SCHEME",
            description = "django_pbkdf2_sha256 (alias pbkdf2_sha256), bcrypt, django_argon2 (alias argon2), "
                    + "php_bcrypt (alias 2y), phpass, wordpress_bcrypt (alias wordpress), spring_bcrypt (alias spring) "
                    + "or aspnet_identity_v3 (alias aspnet).")
    private String scheme;

    @Option(names = "--cost", paramLabel = "N", description = "PBKDF2 iterations (default 1000000), bcrypt cost "
            + "(default 12; php_bcrypt, wordpress_bcrypt and spring_bcrypt 10), argon2 time cost t (default 2; "
            + "m=102400 KiB, p=8), phpass log2 rounds (default 13) or ASP.NET iterations (default 100000).")
    private Integer cost;

    @Override
    public Integer call() {
        EncodingTarget target;
        try {
            target = EncodingTarget.defaultFor(EncodingTarget.canonicalScheme(scheme));
            if (cost != null) {
                target = target.withCost(cost);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String password = StdinPassword.read(parent.io().in());
        String encoded;
        try {
            encoded = PasswordEncoders.encode(target, password);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        parent.io().out().println(encoded);
        parent.io().out().flush();
        return 0;
    }
}
