package dev.legacybridge.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void rateWhenRowsAndTimeThenRowsPerSecondElseZero() {
        assertThat(Progress.rate(500, 2 * SECOND)).isCloseTo(250.0, within(1e-9));
        assertThat(Progress.rate(0, 2 * SECOND)).isZero();
        assertThat(Progress.rate(10, 0)).isZero();
        assertThat(Progress.rate(-5, SECOND)).isZero();
    }

    @Test
    void etaWhenRateKnownThenRemainingOverRateRoundedUp() {
        assertThat(Progress.etaSeconds(1000, 250.0)).hasValue(4);
        assertThat(Progress.etaSeconds(1001, 250.0)).hasValue(5);
        assertThat(Progress.etaSeconds(0, 250.0)).hasValue(0);
        assertThat(Progress.etaSeconds(1000, 0)).isEmpty();
        assertThat(Progress.etaSeconds(-3, 10)).as("the table grew past the count").isEmpty();
    }

    @Test
    void durationWhenFormattedThenMinutesSecondsOrHours() {
        assertThat(Progress.duration(0)).isEqualTo("0:00");
        assertThat(Progress.duration(59)).isEqualTo("0:59");
        assertThat(Progress.duration(61)).isEqualTo("1:01");
        assertThat(Progress.duration(3599)).isEqualTo("59:59");
        assertThat(Progress.duration(3600)).isEqualTo("1:00:00");
        assertThat(Progress.duration(90061)).isEqualTo("25:01:01");
    }

    @Test
    void lineWhenTotalKnownThenCountsPercentBarRateEtaAndTail() {
        assertThat(Progress.line(4_500, 10_029, 212.4, OptionalLong.of(27), "rows", "imported 4,497"))
                .isEqualTo("4,500/10,029 rows  44% [########............]  212 rows/s  ETA 0:27  imported 4,497");
        assertThat(Progress.line(0, 10, 0, OptionalLong.empty(), "rows", null))
                .isEqualTo("0/10 rows   0% [....................]  0 rows/s  ETA --:--");
        assertThat(Progress.line(12, 10, 5, OptionalLong.empty(), "rows", ""))
                .as("more rows than counted at the start").isEqualTo("12/10 rows 100% [####################]  5 rows/s  ETA --:--");
        assertThat(Progress.line(1_234, 0, 99.5, OptionalLong.empty(), "rows", null)).isEqualTo("1,234 rows  100 rows/s");
    }

    @Test
    void updateWhenTerminalThenRedrawnInPlaceAtMostFiveTimesASecondAndWiped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.Mode.AUTO, true,
                now::get, "rows", 1000, 0);

        now.set(SECOND);
        progress.update(100, "failed 10,000");
        now.set(SECOND + 100_000_000L);
        progress.update(150, "x"); // within 200 ms: not drawn
        now.set(2 * SECOND);
        progress.update(200, "failed 1");
        now.set(4 * SECOND);
        progress.finish(1000, null);
        progress.interrupt(); // after finish: nothing more

        String out = bytes.toString(StandardCharsets.UTF_8);
        String first = "\r100/1,000 rows  10% [##..................]  100 rows/s  ETA 0:09  failed 10,000";
        String second = "\r200/1,000 rows  20% [####................]  100 rows/s  ETA 0:08  failed 1";
        String last = "\r1,000/1,000 rows 100% [####################]  250 rows/s  ETA 0:00";
        assertThat(out).isEqualTo(first + second + " ".repeat(first.length() - second.length()) + last
                + " ".repeat(Math.max(0, second.length() - last.length())) + "\n");
    }

    @Test
    void updateWhenForcedOntoAFileThenAWholeLineEveryTenSecondsAndRateOfThisRunOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.Mode.ALWAYS,
                false, now::get, "rows", 10_000, 5_000);

        now.set(SECOND);
        progress.update(5_100, null);
        now.set(5 * SECOND);
        progress.update(5_500, null); // < 10 s since the last line
        now.set(11 * SECOND);
        progress.update(6_100, null);
        progress.interrupt(); // lines are complete: nothing to end
        progress.finish(6_200, null);

        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "5,100/10,000 rows  51% [##########..........]  100 rows/s  ETA 0:49",
                "6,100/10,000 rows  61% [############........]  100 rows/s  ETA 0:39",
                "6,200/10,000 rows  62% [############........]  109 rows/s  ETA 0:35");
    }

    @Test
    void updateWhenAutoAndNotATerminalOrDisabledThenNothingWritten() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress auto = new Progress(err, Progress.Mode.AUTO, false, () -> SECOND, "rows", 10, 0);
        Progress never = new Progress(err, Progress.Mode.NEVER, true, () -> SECOND, "rows", 10, 0);

        for (Progress p : new Progress[] {auto, never, Progress.disabled()}) {
            p.update(5, null);
            p.interrupt();
            p.finish(10, null);
            assertThat(p.enabled()).isFalse();
        }
        assertThat(bytes.size()).isZero();
    }

    @Test
    void interruptWhenALineIsBeingRedrawnThenEndsItOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.Mode.AUTO, true,
                now::get, "rows", 10, 0);

        now.set(SECOND);
        progress.update(5, null);
        progress.interrupt();
        progress.interrupt();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("ETA 0:01\n").doesNotEndWith("\n\n");
    }
}
