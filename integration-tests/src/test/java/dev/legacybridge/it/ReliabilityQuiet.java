package dev.legacybridge.it;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a quiet machine before a timing measurement: polls the 1-minute load average (what {@code uptime} shows)
 * until it is below {@code it.reliability.quietLoad} (default 1.0), for at most {@code it.reliability.quietWaitMinutes}
 * (default 60); then measures anyway and says so.
 */
final class ReliabilityQuiet {

    record Outcome(boolean quiet, double load1, double waitedSeconds, double threshold) {
        String describe() {
            return String.format(Locale.ROOT, "%s (1-min load %.2f, threshold %.2f, waited %.0f s)",
                    quiet ? "quiet" : "NOT quiet, measured anyway", load1, threshold, waitedSeconds);
        }
    }

    private ReliabilityQuiet() {
    }

    static Outcome await() {
        double threshold = Double.parseDouble(System.getProperty("it.reliability.quietLoad", "1.0"));
        Duration max = Duration.ofMinutes(Long.parseLong(System.getProperty("it.reliability.quietWaitMinutes", "60")));
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long lastReport = start;
        double load = ReliabilityReport.loadAverage()[0];
        while (!(load < threshold) && System.nanoTime() < deadline) {
            if (System.nanoTime() - lastReport > Duration.ofMinutes(1).toNanos()) {
                System.err.printf(Locale.ROOT, "[reliability] waiting for 1-min load < %.2f (now %.2f, %.0f s so far)%n",
                        threshold, load, (System.nanoTime() - start) / 1e9);
                lastReport = System.nanoTime();
            }
            LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
            load = ReliabilityReport.loadAverage()[0];
        }
        Outcome outcome = new Outcome(load < threshold, load, (System.nanoTime() - start) / 1e9, threshold);
        System.err.println("[reliability] machine " + outcome.describe());
        return outcome;
    }
}
