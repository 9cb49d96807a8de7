package dev.legacybridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a check's measured numbers into {@code docs/reliability.md}: each check owns the block between
 * {@code <!-- reliability:<id>:begin -->} and {@code <!-- reliability:<id>:end -->} and replaces only that block, so
 * one check can be run again on its own. Every block starts with the date, the command and the load average.
 */
final class ReliabilityReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private ReliabilityReport() {
    }

    /** {@code docs/} of the project ({@code it.reliability.docsDir}, set by the profile). */
    static Path docsDir() {
        return Path.of(System.getProperty("it.reliability.docsDir", "target/reliability-docs")).toAbsolutePath().normalize();
    }

    static Path imagesDir() {
        Path dir = docsDir().resolve("images");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The command the run was started with ({@code it.reliability.command}, set by reliability.sh). */
    static String command() {
        return System.getProperty("it.reliability.command",
                "mvn -o -q -pl integration-tests verify -Preliability -Dit.test='Reliability*IT' -Dtest=none "
                        + "-Dsurefire.failIfNoSpecifiedTests=false");
    }

    /** 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    static String loadAverageText() {
        double[] l = loadAverage();
        return String.format(Locale.ROOT, "%.2f, %.2f, %.2f", l[0], l[1], l[2]);
    }

    static Section section(String id, String title) {
        return new Section(id, title);
    }

    /** One check's block. Create it at the start of the check (records the start time and load). */
    static final class Section {
        private final String id;
        private final String title;
        private final String startedAt = ZonedDateTime.now().format(WHEN);
        private final String loadAtStart = loadAverageText();
        private final List<String> body = new ArrayList<>();
        private final List<String[]> goals = new ArrayList<>();

        private Section(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Section line(String text) {
            body.add(text);
            return this;
        }

        Section lines(List<String> text) {
            body.addAll(text);
            return this;
        }

        Section blank() {
            body.add("");
            return this;
        }

        /** A markdown table; cells are escaped for {@code |}. */
        Section table(List<String> header, List<List<String>> rows) {
            body.add("| " + String.join(" | ", header) + " |");
            body.add("|" + "---|".repeat(header.size()));
            for (List<String> row : rows) {
                body.add("| " + String.join(" | ", row.stream().map(Section::cell).toList()) + " |");
            }
            body.add("");
            return this;
        }

        /** A goal with what was measured and whether it was met; listed in the block's goal table. */
        Section goal(String goal, String measured, boolean met) {
            goals.add(new String[] {goal, measured, met ? "yes" : "**no**"});
            return this;
        }

        Section image(String fileName, String alt) {
            body.add("![" + alt + "](images/" + fileName + ")");
            body.add("");
            return this;
        }

        static String cell(String s) {
            return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
        }

        /** Replaces this check's block in docs/reliability.md (creating the file or the block if needed). */
        void write() {
            List<String> block = new ArrayList<>();
            block.add(begin(id));
            block.add("### " + title);
            block.add("");
            block.add("- Run: " + startedAt + " to " + ZonedDateTime.now().format(WHEN) + ", Keycloak backend "
                    + backend() + ", Keycloak "
                    + System.getProperty("it.reliability.keycloakVersion", "26.7.3") + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            block.add("- Load average (1, 5, 15 min): " + loadAtStart + " at the start, " + loadAverageText()
                    + " at the end");
            block.add("- Command: `" + command() + "`");
            block.add("");
            if (!goals.isEmpty()) {
                block.add("| goal | measured | met |");
                block.add("|---|---|---|");
                for (String[] g : goals) {
                    block.add("| " + cell(g[0]) + " | " + cell(g[1]) + " | " + g[2] + " |");
                }
                block.add("");
            }
            block.addAll(body);
            while (!block.isEmpty() && block.get(block.size() - 1).isEmpty()) {
                block.remove(block.size() - 1);
            }
            block.add(end(id));
            replaceBlock(String.join("\n", block));
        }

        private synchronized void replaceBlock(String block) {
            synchronized (ReliabilityReport.class) {
                Path file = docsDir().resolve("reliability.md");
                try {
                    Files.createDirectories(file.getParent());
                    String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8)
                            : "# Reliability\n\n<!-- generated blocks below -->\n";
                    int b = doc.indexOf(begin(id));
                    int e = doc.indexOf(end(id));
                    String updated;
                    if (b >= 0 && e > b) {
                        updated = doc.substring(0, b) + block + doc.substring(e + end(id).length());
                    } else {
                        updated = doc.endsWith("\n") ? doc + "\n" + block + "\n" : doc + "\n\n" + block + "\n";
                    }
                    Files.writeString(file, updated, StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private static String backend() {
        try {
            return SharedKeycloak.get().backendName();
        } catch (RuntimeException e) {
            return "(did not start)";
        }
    }

    private static String begin(String id) {
        return "<!-- reliability:" + id + ":begin (generated by the reliability suite; do not edit inside) -->";
    }

    private static String end(String id) {
        return "<!-- reliability:" + id + ":end -->";
    }
}
