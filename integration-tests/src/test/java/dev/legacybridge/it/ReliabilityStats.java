package dev.legacybridge.it;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics and two-sample comparisons for the reliability suite's measurements (milliseconds). */
final class ReliabilityStats {

    private ReliabilityStats() {
    }

    static double[] sorted(Collection<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static double[] sorted(double[] values) {
        double[] a = values.clone();
        Arrays.sort(a);
        return a;
    }

    /** Percentile {@code p} (0..100) of sorted data, linear interpolation between closest ranks. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    static double median(double[] sorted) {
        return percentile(sorted, 50);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Two-sample Kolmogorov-Smirnov statistic D = sup |F_a(x) - F_b(x)| of sorted samples. */
    static double ksStatistic(double[] a, double[] b) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    /**
     * Asymptotic p-value of the two-sample KS statistic (Kolmogorov distribution with Stephens' small-sample
     * correction, as in Numerical Recipes' {@code kstwo}).
     */
    static double ksPValue(double d, int n, int m) {
        double ne = (double) n * m / (n + m);
        double lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
        if (lambda < 1e-3) {
            return 1.0;
        }
        double sum = 0;
        double sign = 1;
        for (int k = 1; k <= 100; k++) {
            double term = sign * 2 * Math.exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0, Math.min(1, sum));
    }

    /**
     * Overlapping coefficient of two samples: the shared area of their histograms (common bins over the pooled 1st-99th
     * percentile range), 1 = identical, 0 = disjoint.
     */
    static double overlapCoefficient(double[] a, double[] b, int bins) {
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        Arrays.sort(pooled);
        double lo = percentile(pooled, 1);
        double hi = percentile(pooled, 99);
        if (hi <= lo) {
            return 1.0;
        }
        double[] ha = histogram(a, lo, hi, bins);
        double[] hb = histogram(b, lo, hi, bins);
        double overlap = 0;
        for (int k = 0; k < bins; k++) {
            overlap += Math.min(ha[k], hb[k]);
        }
        return overlap;
    }

    /** Relative frequencies in {@code bins} equal bins over [lo, hi]; values outside go to the first or last bin. */
    static double[] histogram(double[] values, double lo, double hi, int bins) {
        double[] h = new double[bins];
        for (double v : values) {
            int k = (int) Math.floor((v - lo) / (hi - lo) * bins);
            h[Math.max(0, Math.min(bins - 1, k))] += 1.0 / values.length;
        }
        return h;
    }

    static String ms(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    static String pct(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
