package dev.legacybridge.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the machine is doing: load average, CPU, JVM, time; all read from {@code /proc} and the JVM. */
final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 0.42 0.80 1.10}. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** The 1-minute load average, or -1 if unknown. */
    static double loadAverage1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT));
    }

    static String cpu() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // keep the default
        }
        return Runtime.getRuntime().availableProcessors() + " vCPUs (" + model + ")";
    }

    /** {@code java -version}'s first line for the given java executable, e.g. {@code openjdk version "17.0.15"}. */
    static String javaVersion(String javaExecutable) {
        try {
            Process p = new ProcessBuilder(javaExecutable, "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            String[] lines = out.split("\n");
            String vm = lines.length > 2 ? lines[2].replaceAll("\\s*\\(build [^)]*\\)", "").trim() : "";
            return lines[0].trim() + (vm.isEmpty() ? "" : ", " + vm);
        } catch (IOException e) {
            return javaExecutable + " (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return javaExecutable + " (version unknown)";
        }
    }

    /** CPU time (user + system) a process has used so far, in nanoseconds, from {@code /proc/<pid>/stat}. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name may contain spaces: fields start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime (fields 14 and 15)
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code getconf CLK_TCK}; 100 on every Linux we run on. */
    private static final long CLOCK_TICKS = 100;
}
