package dev.legacybridge.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Tiny stand-ins for the files the launcher handles: a "Keycloak distribution" zip whose {@code bin/kc.sh} is a
 * shell script that records how it was called, and provider jars.
 *
 * <p>The fake {@code kc.sh} appends its arguments to {@code <home>/calls.log} and its environment to
 * {@code <home>/start.env}; {@code build} fails when {@code <home>/fail-build} exists and creates
 * {@code <home>/built}; {@code start} prints and exits with the contents of {@code <home>/start-output} and
 * {@code <home>/start-exit} (default: nothing, 0), or, once {@code <home>/built} exists and
 * {@code <home>/serve-after-build} does, creates {@code <home>/serving} and stays up as {@code sleep}.
 */
final class FakeDistributions {

    static final String TOP = "keycloak-26.7.3";

    static final String KC_SH = """
            #!/bin/sh
            home=$(cd "$(dirname "$0")/.." && pwd)
            echo "$@" >> "$home/calls.log"
            case "$1" in
              build)
                echo "fake build $*"
                if [ -f "$home/fail-build" ]; then echo "ERROR: build failed on purpose"; exit 1; fi
                touch "$home/built"
                exit 0 ;;
              start)
                env > "$home/start.env"
                if [ -f "$home/serve-after-build" ] && [ -f "$home/built" ]; then touch "$home/serving"; exec sleep 60; fi
                [ -f "$home/start-output" ] && cat "$home/start-output"
                exit "$(cat "$home/start-exit" 2>/dev/null || echo 0)" ;;
            esac
            exit 64
            """;

    private FakeDistributions() {
    }

    /** A distribution zip with {@code bin/kc.sh}, {@code conf/keycloak.conf} holding {@code conf}, and the given files. */
    static Path zip(Path file, String conf, Map<String, String> more) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(TOP + "/", null);
        entries.put(TOP + "/bin/kc.sh", KC_SH);
        entries.put(TOP + "/conf/keycloak.conf", conf);
        entries.put(TOP + "/providers/README.md", "providers go here");
        more.forEach((name, content) -> entries.put(name, content));
        return write(file, entries, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Path zip(Path file, String conf) {
        return zip(file, conf, Map.of());
    }

    /** A jar with these entries, every entry stamped {@code time} (a rebuilt jar differs only in its stamps). */
    static Path jar(Path file, Map<String, String> entries, Instant time) {
        return write(file, entries, time);
    }

    private static Path write(Path file, Map<String, String> entries, Instant time) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setLastModifiedTime(FileTime.from(time));
                    zip.putNextEntry(entry);
                    if (e.getValue() != null) {
                        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    }
                    zip.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
