package dev.legacybridge.cli;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeIds;
import dev.legacybridge.hash.SchemeParameters;
import dev.legacybridge.hash.StoredPassword;
import dev.legacybridge.hash.VerificationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code legacy-hash verify}: checks a password against a stored hash, or many pairs as JSON lines.
 *
 * <pre>
 * $ printf '%s\n' 'secret' | legacy-hash verify '$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK'
 * match (bcrypt)
 * $ echo '{"password": "secret", "hash": "md5$gP3w...$64bd..."}' | legacy-hash verify --jsonl
 * {"result":"not_allowed","scheme":"django_md5","upgrade":false,"reason":"scheme django_md5 is not allowed by the policy"}
 * $ echo '{"password": "password", "hash": "8GDU...", "params": {"base64_signer_key": "...", "rounds": 8, ...}}' \
 *       | legacy-hash verify --jsonl
 * {"result":"match","scheme":"firebase_scrypt","upgrade":false,"reason":"match"}
 * </pre>
 *
 * <p>A line's optional {@code params} object (string or number values, the keys of the shared vector files) configures
 * the formats whose settings are not in the stored value, for that line only; see {@link SchemeParameters}. Lines
 * without it use the {@code --param} settings.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = LegacyHashCommand.Version.class,
        description = {
            "Checks the password read from standard input (one trailing newline removed, strict UTF-8) against HASH, "
                + "or, with --jsonl, every {\"password\": \"...\", \"hash\": \"...\"[, \"params\": {...}]} line of "
                + "standard input.",
            "Prints one line per check, never the password or the hash. JSON lines out: {\"result\": "
                + "\"match|mismatch|malformed|unsupported|not_allowed\", \"scheme\": ..., \"upgrade\": true|false, "
                + "\"reason\": ...}, or \"error\" instead of \"reason\" for a line that is not such an object."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:match (--jsonl: the input was processed)",
            "1:mismatch",
            "2:malformed, unsupported or not allowed",
            "64:usage error (bad option, missing HASH, invalid UTF-8 on standard input)"})
final class VerifyCommand implements Callable<Integer> {

    /** Longest JSON line processed; a line holds at most a 4096-byte password and a 1024-character hash. */
    static final int MAX_LINE_BYTES = 65_536;

    @ParentCommand
    private LegacyHashCommand parent;

    @Mixin
    private PolicyOptions policyOptions;

    @Mixin
    private FormatOptions formatOptions;

    @Option(names = "--salt", paramLabel = "SALT",
            description = "The row's salt column value, for Firebase scrypt and recipes with salt_source=column.")
    private String salt;

    @Option(names = "--jsonl", description = "Read {\"password\", \"hash\"[, \"params\"]} JSON lines; write one "
            + "result line each. params: the format settings of that line (keys as --param).")
    private boolean jsonl;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HASH", description = "The stored hash (not with --jsonl).")
    private String hash;

    @Override
    public Integer call() {
        LegacyHashCommand.Io io = parent.io();
        if (jsonl && hash != null) {
            throw new UsageException("give either HASH or --jsonl, not both");
        }
        if (!jsonl && hash == null) {
            throw new UsageException("missing HASH (or use --jsonl)");
        }
        if (jsonl && salt != null) {
            throw new UsageException("--salt is for one HASH; JSON lines carry their salt in params");
        }
        HashPolicy policy = policyOptions.policy();
        LegacyPasswordVerifier verifier = new LegacyPasswordVerifier(policy,
                formatOptions.configuration(io.environment()));
        return jsonl ? verifyLines(verifier, io) : verifyOne(verifier, io);
    }

    private Integer verifyOne(LegacyPasswordVerifier verifier, LegacyHashCommand.Io io) {
        String password = StdinPassword.read(io.in());
        VerificationResult result = verifier.verify(password, new StoredPassword(hash, salt));
        io.out().println(describe(result));
        io.out().flush();
        return switch (result.outcome()) {
            case MATCH -> LegacyHashCommand.MATCH;
            case MISMATCH -> LegacyHashCommand.MISMATCH;
            default -> LegacyHashCommand.REFUSED;
        };
    }

    static String describe(VerificationResult result) {
        String line = result.outcome().jsonName() + " (" + result.scheme() + ")";
        if (result.outcome() == Outcome.MATCH) {
            return result.upgradeRecommended() ? line + ", upgrade recommended" : line;
        }
        return result.outcome() == Outcome.MISMATCH ? line : line + ": " + result.reason();
    }

    private Integer verifyLines(LegacyPasswordVerifier verifier, LegacyHashCommand.Io io) {
        LineReader reader = new LineReader(io.in(), MAX_LINE_BYTES);
        Writer out = new BufferedWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8));
        try {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                out.write(resultLine(verifier, line));
                out.write('\n');
                out.flush(); // each result is available as soon as it is known; hashing dominates anyway
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LegacyHashCommand.MATCH;
    }

    private static String resultLine(LegacyPasswordVerifier verifier, LineReader.Line line) {
        if (line.problem() != null) {
            return errorLine(line.number(), line.problem());
        }
        Map<String, Object> object;
        try {
            object = Json.parseObject(line.text());
        } catch (Json.JsonException e) {
            return errorLine(line.number(), e.getMessage());
        }
        Object password = object.get("password");
        Object stored = object.get("hash");
        if (!(password instanceof String) || !(stored instanceof String)) {
            return errorLine(line.number(), "\"password\" and \"hash\" must both be strings");
        }
        LegacyPasswordVerifier lineVerifier = verifier;
        String rowSalt = null;
        Object params = object.get("params");
        if (params != null && params != Json.NULL) {
            if (!(params instanceof Map<?, ?> map)) {
                return errorLine(line.number(), "\"params\" must be an object");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getValue() instanceof String) && !(e.getValue() instanceof Json.Number)) {
                    return errorLine(line.number(), "\"params\" values must be strings or numbers");
                }
                values.put((String) e.getKey(), e.getValue().toString());
            }
            try {
                SchemeParameters.Parsed parsed = SchemeParameters.parse(values, (String) stored);
                lineVerifier = new LegacyPasswordVerifier(verifier.policy(), parsed.configuration());
                rowSalt = parsed.salt();
            } catch (IllegalArgumentException e) {
                return errorLine(line.number(), "params: " + e.getMessage());
            }
        }
        VerificationResult result = lineVerifier.verify((String) password, new StoredPassword((String) stored, rowSalt));
        return "{\"result\":" + Json.quote(result.outcome().jsonName())
                + ",\"scheme\":" + Json.quote(result.scheme())
                + ",\"upgrade\":" + result.upgradeRecommended()
                + ",\"reason\":" + Json.quote(result.reason()) + "}";
    }

    private static String errorLine(long number, String why) {
        return "{\"result\":\"malformed\",\"scheme\":" + Json.quote(SchemeIds.UNKNOWN)
                + ",\"upgrade\":false,\"error\":" + Json.quote("line " + number + ": " + why) + "}";
    }
}
