package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the built, shaded {@code target/legacy-hash.jar} as a separate process, as a user would. */
class LegacyHashJarIT {

    private static final Path JAR = Paths.get(System.getProperty("legacyHashJar", "target/legacy-hash.jar"));

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void jarWhenHashThenVerifyThenMatchAndMismatchExitCodes() throws Exception {
        Result hash = run("correct horse\n", "hash", "--scheme", "bcrypt", "--cost", "4");
        String stored = hash.out().trim();

        assertThat(hash.exitCode()).as(hash.err()).isZero();
        assertThat(run("correct horse\n", "verify", stored)).isEqualTo(new Result(0, "match (bcrypt)\n", ""));
        assertThat(run("correct horsE\n", "verify", stored).exitCode()).isEqualTo(1);
        assertThat(run("x\n", "verify", "md5$salt$00").exitCode()).isEqualTo(2);
        assertThat(run("x\n", "verify").exitCode()).isEqualTo(64);
    }

    @Test
    void jarWhenJsonlThenOneLinePerInputLine() throws Exception {
        Result run = run("{\"password\":\"secret\",\"hash\":\"$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK\"}\n"
                + "garbage\n", "verify", "--jsonl");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out()).startsWith("{\"result\":\"match\",\"scheme\":\"bcrypt\",\"upgrade\":false");
    }

    @Test
    void jarWhenVersionAndSchemesThenPrinted() throws Exception {
        assertThat(run("", "--version").out()).startsWith("legacy-hash 1.");
        assertThat(run("", "schemes").out()).contains("django_pbkdf2_sha256", "werkzeug_scrypt");
    }

    @Test
    void buildWhenPackagedThenOnlyOneLegacyHashJarUnderAnyTargetFolder() throws IOException {
        Path repo = JAR.toAbsolutePath().normalize().getParent().getParent().getParent();
        List<Path> jars = new ArrayList<>();
        // Other builds may create and delete files under target/ while we walk: skip what vanishes or cannot be read.
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().matches("legacy-hash.*\\.jar") && file.toString().contains("/target/")) {
                    jars.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(jars).containsExactly(JAR.toAbsolutePath().normalize());
    }
}
