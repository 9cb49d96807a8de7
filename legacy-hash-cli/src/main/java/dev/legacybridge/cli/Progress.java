package dev.legacybridge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A progress line on standard error: rows done of the total, percentage, a bar, the rate of this run and the
 * estimated time left, plus a caller-supplied tail (e.g. imported/skipped/failed counts). Never written to standard
 * output, so it cannot mix with a command's result.
 *
 * <p>On a terminal the line is redrawn in place ({@code \r}) at most 5 times a second. When forced onto something that
 * is not a terminal (a log file), a complete line is written every 10 seconds instead. {@link #finish} writes the
 * final state and ends the line.
 *
 * <p>The rate is that of this run: rows done since the run started divided by the time since then, so a resumed run
 * does not count the rows of an earlier run as fast work. The ETA is the rows left divided by that rate.
 */
final class Progress {

    static final long REDRAW_NANOS = 200_000_000L;
    static final long LOG_LINE_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 20;

    /** Whether to show progress: {@code AUTO} means when standard error is a terminal. */
    enum Mode { AUTO, ALWAYS, NEVER }

    private final PrintStream err;
    private final boolean enabled;
    private final boolean redraw;
    private final LongSupplier nanoClock;
    private final String unit;
    private final long startNanos;
    private final long doneAtStart;
    private long total;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastLength;
    private boolean drawn;

    /**
     * @param total       the expected number of rows; {@code <= 0} when unknown
     * @param doneAtStart rows already done by an earlier run (resume); not counted in the rate
     */
    Progress(PrintStream err, Mode mode, boolean errIsTerminal, LongSupplier nanoClock, String unit, long total,
             long doneAtStart) {
        this.err = err;
        this.enabled = mode == Mode.ALWAYS || mode == Mode.AUTO && errIsTerminal;
        this.redraw = errIsTerminal;
        this.nanoClock = nanoClock;
        this.unit = unit;
        this.total = total;
        this.doneAtStart = doneAtStart;
        this.startNanos = nanoClock.getAsLong();
    }

    static Progress disabled() {
        return new Progress(null, Mode.NEVER, false, () -> 0L, "rows", 0, 0);
    }

    boolean enabled() {
        return enabled;
    }

    void total(long newTotal) {
        this.total = newTotal;
    }

    /** Reports {@code done} rows; draws only when the last drawing is old enough. */
    void update(long done, String tail) {
        if (!enabled) {
            return;
        }
        long now = nanoClock.getAsLong();
        long interval = redraw ? REDRAW_NANOS : LOG_LINE_NANOS;
        if (drawn && now - lastDrawNanos < interval) {
            return;
        }
        draw(done, tail, now);
    }

    /** Draws the final state and ends the line. */
    void finish(long done, String tail) {
        if (!enabled) {
            return;
        }
        draw(done, tail, nanoClock.getAsLong());
        if (redraw) {
            err.print('\n');
            lastLength = 0;
        }
        err.flush();
    }

    /** Ends a redrawn line so that a message can follow on its own line; the next update starts a new one. */
    void interrupt() {
        if (enabled && redraw && lastLength > 0) {
            err.print('\n');
            err.flush();
            lastLength = 0;
        }
    }

    private void draw(long done, String tail, long now) {
        double rate = rate(done - doneAtStart, now - startNanos);
        String line = line(done, total, rate, etaSeconds(total - done, rate), unit, tail);
        if (redraw) {
            StringBuilder out = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < lastLength; i++) {
                out.append(' '); // wipe what a longer previous line left behind
            }
            err.print(out);
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
        drawn = true;
        lastDrawNanos = now;
    }

    /** Rows per second over {@code elapsedNanos}; 0 when nothing is known yet. */
    static double rate(long doneThisRun, long elapsedNanos) {
        if (doneThisRun <= 0 || elapsedNanos <= 0) {
            return 0;
        }
        return doneThisRun * 1e9 / elapsedNanos;
    }

    /** Seconds left at {@code rate}, rounded up; empty when the rate is 0 or nothing is left to estimate. */
    static OptionalLong etaSeconds(long remaining, double rate) {
        if (rate <= 0 || remaining < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) Math.ceil(remaining / rate));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from one hour on. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /**
     * One progress line, e.g. {@code 4,500/10,029 rows  44% [########............]  212 rows/s  ETA 0:27  imported
     * 4,497 ...}. Without a known total: {@code 4,500 rows  212 rows/s}.
     */
    static String line(long done, long total, double rate, OptionalLong etaSeconds, String unit, String tail) {
        StringBuilder out = new StringBuilder();
        if (total > 0) {
            int percent = (int) Math.min(100, done * 100 / total);
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            out.append(String.format(Locale.ROOT, "%,d/%,d %s %3d%% [", done, total, unit, percent))
                    .append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append(']');
        } else {
            out.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        out.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit));
        if (total > 0) {
            out.append("  ETA ").append(etaSeconds.isPresent() ? duration(etaSeconds.getAsLong()) : "--:--");
        }
        if (tail != null && !tail.isEmpty()) {
            out.append("  ").append(tail);
        }
        return out.toString();
    }
}
