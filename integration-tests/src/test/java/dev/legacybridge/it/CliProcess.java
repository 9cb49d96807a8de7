package dev.legacybridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded {@code legacy-hash} CLI jar ({@code it.cli.jar}, copied from legacy-hash-cli by the pom) run as a real
 * process, {@code java -jar ... <args>}, as an operator runs it. Standard output and error go to files in the given
 * directory, so a long run never blocks on a full pipe and a killed run leaves what it wrote.
 */
final class CliProcess {

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** What a finished run left. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Path jar() {
        String property = System.getProperty("it.cli.jar");
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("it.cli.jar is not set or missing (" + property + "); run the ITs through "
                    + "Maven, after `mvn -pl legacy-store,legacy-hash-cli install`");
        }
        return Path.of(property);
    }

    /**
     * Starts {@code java -jar <cli> args} in {@code dir} with the extra environment variables (secrets go there,
     * never into the arguments); output goes to {@code <name>.out} and {@code <name>.err} in {@code dir}.
     */
    static CliProcess start(Path dir, String name, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar().toString()));
        command.addAll(args);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            return new CliProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** Runs to completion (at most {@code timeoutSeconds}) and returns the exit code and output. */
    static Result run(Path dir, String name, Map<String, String> environment, long timeoutSeconds, String... args) {
        return start(dir, name, environment, List.of(args)).await(timeoutSeconds);
    }

    Process process() {
        return process;
    }

    Result await(long timeoutSeconds) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("legacy-hash did not finish within " + timeoutSeconds + " s:\n"
                        + new Result(-1, read(out), read(err)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    /** Kills the process as {@code kill -9} would and waits for it to be gone. */
    Result kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
