package dev.legacybridge.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@link LegacyHashCommand} in-process with the given standard input and captures its output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String stdin, String... args) {
        return run(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static CliRun run(byte[] stdin, String... args) {
        return run(stdin, Map.of(), false, args);
    }

    /** With environment variables (for the {@code *-env} options), no standard input, stderr not a terminal. */
    static CliRun withEnv(Map<String, String> environment, String... args) {
        return run(new byte[0], environment, false, args);
    }

    static CliRun run(byte[] stdin, Map<String, String> environment, boolean errIsTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LegacyHashCommand.run(args, new LegacyHashCommand.Io(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                errIsTerminal, environment));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String[] outLines() {
        return out.isEmpty() ? new String[0] : out.split("\n", -1).length > 0 && out.endsWith("\n")
                ? out.substring(0, out.length() - 1).split("\n", -1) : out.split("\n", -1);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
