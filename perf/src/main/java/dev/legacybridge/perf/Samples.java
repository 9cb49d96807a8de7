package dev.legacybridge.perf;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntConsumer;

/** Latency samples of a repeated call, in milliseconds, with exact percentiles (nearest rank). */
record Samples(double[] millis) {

    /**
     * Calls {@code call} (with the sample index) until {@code maxSamples} calls or {@code maxTime} have passed, but at
     * least {@code minSamples} times, after {@code warmup} unrecorded calls.
     */
    static Samples measure(int warmup, int minSamples, int maxSamples, Duration maxTime, IntConsumer call) {
        for (int i = 0; i < warmup; i++) {
            call.accept(-1 - i);
        }
        double[] values = new double[maxSamples];
        int n = 0;
        long deadline = System.nanoTime() + maxTime.toNanos();
        while (n < maxSamples && (n < minSamples || System.nanoTime() < deadline)) {
            long t = System.nanoTime();
            call.accept(n);
            values[n++] = (System.nanoTime() - t) / 1e6;
        }
        double[] taken = Arrays.copyOf(values, n);
        Arrays.sort(taken);
        return new Samples(taken);
    }

    /** Samples taken elsewhere (e.g. polls of a running job). */
    static Samples of(java.util.List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Samples(sorted);
    }

    int count() {
        return millis.length;
    }

    /** Nearest-rank percentile of the sorted samples. */
    double p(double percentile) {
        if (millis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * millis.length);
        return millis[Math.max(0, Math.min(millis.length - 1, rank - 1))];
    }

    double max() {
        return millis.length == 0 ? Double.NaN : millis[millis.length - 1];
    }
}
