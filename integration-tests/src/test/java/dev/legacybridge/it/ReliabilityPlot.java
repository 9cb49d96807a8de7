package dev.legacybridge.it;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Small PNG charts drawn with Java2D (headless), so the suite needs no plotting library. */
final class ReliabilityPlot {

    static final Color BLUE = new Color(31, 119, 180);
    static final Color ORANGE = new Color(255, 127, 14);
    static final Color GREEN = new Color(44, 160, 44);
    static final Color RED = new Color(214, 39, 40);
    static final Color PURPLE = new Color(148, 103, 189);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Stroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReliabilityPlot() {
    }

    record Series(String label, Color color, double[] values) {
    }

    record Band(double from, double to, String label, Color color) {
    }

    record Marker(double x, String label, Color color) {
    }

    /** Plot area of a panel and its data ranges. */
    private record Axes(int left, int top, int width, int height, double xMin, double xMax, double yMin, double yMax) {
        int x(double v) {
            return left + (int) Math.round((v - xMin) / (xMax - xMin) * width);
        }

        int y(double v) {
            return top + height - (int) Math.round((v - yMin) / (yMax - yMin) * height);
        }
    }

    /**
     * Two samples side by side: overlaid histograms (left) and empirical CDFs (right), medians dashed.
     *
     * @param unit label of the x axis
     */
    static void distributions(Path png, String title, Series a, Series b, String unit) {
        int w = 1400;
        int h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        double[] sa = ReliabilityStats.sorted(a.values());
        double[] sb = ReliabilityStats.sorted(b.values());
        double[] pooled = ReliabilityStats.sorted(concat(sa, sb));
        double lo = ReliabilityStats.percentile(pooled, 0.5);
        double hi = ReliabilityStats.percentile(pooled, 99.5);
        double pad = (hi - lo) * 0.05 + 1e-9;
        lo -= pad;
        hi += pad;
        int bins = 40;
        double[] ha = ReliabilityStats.histogram(clip(sa, lo, hi), lo, hi, bins);
        double[] hb = ReliabilityStats.histogram(clip(sb, lo, hi), lo, hi, bins);
        double yMax = 0;
        for (int k = 0; k < bins; k++) {
            yMax = Math.max(yMax, Math.max(ha[k], hb[k]));
        }
        Axes left = new Axes(80, 70, 560, 400, lo, hi, 0, yMax * 1.15);
        frame(g, left, unit, "share of requests", true);
        for (Series s : List.of(a, b)) {
            double[] hist = s == a ? ha : hb;
            g.setColor(s.color());
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
            for (int k = 0; k < bins; k++) {
                double x0 = lo + (hi - lo) * k / bins;
                double x1 = lo + (hi - lo) * (k + 1) / bins;
                int px0 = left.x(x0);
                int px1 = left.x(x1);
                int py = left.y(hist[k]);
                g.fillRect(px0, py, Math.max(1, px1 - px0 - 1), left.y(0) - py);
            }
            g.setComposite(AlphaComposite.SrcOver);
            medianLine(g, left, ReliabilityStats.median(s == a ? sa : sb), s.color());
        }
        legendAt(g, left, List.of(a, b), true, false);

        Axes right = new Axes(760, 70, 560, 400, lo, hi, 0, 1);
        frame(g, right, unit, "cumulative share", false);
        for (Series s : List.of(a, b)) {
            double[] sorted = s == a ? sa : sb;
            Path2D.Double path = new Path2D.Double();
            path.moveTo(right.x(lo), right.y(0));
            for (int i = 0; i < sorted.length; i++) {
                double v = Math.max(lo, Math.min(hi, sorted[i]));
                path.lineTo(right.x(v), right.y((double) i / sorted.length));
                path.lineTo(right.x(v), right.y((double) (i + 1) / sorted.length));
            }
            path.lineTo(right.x(hi), right.y(1));
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            g.draw(path);
            medianLine(g, right, ReliabilityStats.median(sorted), s.color());
        }
        legendAt(g, right, List.of(a, b), true, true);
        save(img, g, png);
    }

    /**
     * Success rate per second of several kinds of request, one panel per kind on a shared time axis, with the number
     * of requests completed in each second as light bars behind the line, shaded bands (the outage) and markers.
     *
     * @param seconds bucket start of each value (seconds since the load started)
     * @param rates   one series per kind, values 0..1 or NaN for a second without completed requests
     * @param counts  requests completed per second, per kind (same order as {@code rates})
     */
    static void timeline(Path png, String title, double[] seconds, List<Series> rates, List<int[]> counts,
                         List<Band> bands, List<Marker> markers) {
        int w = 1400;
        int panelHeight = 150;
        int gap = 38;
        int top = 70;
        int h = top + rates.size() * (panelHeight + gap) + 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title);
        double xMax = seconds.length == 0 ? 1 : seconds[seconds.length - 1] + 1;
        for (int p = 0; p < rates.size(); p++) {
            Series s = rates.get(p);
            int[] n = counts.get(p);
            int maxCount = 1;
            for (int c : n) {
                maxCount = Math.max(maxCount, c);
            }
            Axes ax = new Axes(90, top + p * (panelHeight + gap), 1000, panelHeight, 0, xMax, -0.05, 1.1);
            for (Band band : bands) {
                g.setColor(band.color());
                g.fillRect(ax.x(band.from()), ax.top(), Math.max(1, ax.x(band.to()) - ax.x(band.from())), ax.height());
            }
            g.setColor(new Color(200, 200, 200));
            for (int i = 0; i < seconds.length; i++) {
                int x0 = ax.x(seconds[i]) + 1;
                int x1 = ax.x(seconds[i] + 1) - 1;
                int barTop = ax.y(1.0 * n[i] / maxCount);
                g.fillRect(x0, barTop, Math.max(1, x1 - x0), ax.y(0) - barTop);
            }
            frame(g, ax, p == rates.size() - 1 ? "seconds since the load started" : "", "success", true);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.setColor(s.color().darker());
            g.drawString(s.label(), ax.left() + ax.width() + 20, ax.top() + 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.GRAY);
            g.drawString("grey bars: requests per second (max " + maxCount + ")", ax.left() + ax.width() + 20,
                    ax.top() + 40);
            for (Band band : bands) {
                g.setColor(Color.DARK_GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                g.drawString(band.label(), ax.x(band.from()) + 4, ax.top() + 14);
            }
            for (int m = 0; m < markers.size(); m++) {
                Marker marker = markers.get(m);
                g.setColor(marker.color());
                g.setStroke(DASHED);
                g.drawLine(ax.x(marker.x()), ax.top(), ax.x(marker.x()), ax.top() + ax.height());
                if (p == 0) {
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                    g.drawString(marker.label(), ax.x(marker.x()) + 4, ax.top() + ax.height() - 30 - 14 * m);
                }
            }
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < seconds.length; i++) {
                double v = s.values()[i];
                if (Double.isNaN(v)) {
                    continue;   // no completed request in that second: connect across it
                }
                int x = ax.x(seconds[i] + 0.5);
                int y = ax.y(v);
                if (!started) {
                    path.moveTo(x, y);
                    started = true;
                } else {
                    path.lineTo(x, y);
                }
                g.fillOval(x - 3, y - 3, 7, 7);
            }
            g.draw(path);
        }
        save(img, g, png);
    }

    // ---- drawing helpers ----

    private static Graphics2D canvas(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 20, 32);
        return g;
    }

    private static void frame(Graphics2D g, Axes ax, String xLabel, String yLabel, boolean percentY) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(ax.xMin(), ax.xMax(), 8)) {
            int x = ax.x(t);
            g.setColor(GRID);
            g.drawLine(x, ax.top(), x, ax.top() + ax.height());
            g.setColor(Color.BLACK);
            String label = format(t);
            g.drawString(label, x - fm.stringWidth(label) / 2, ax.top() + ax.height() + 18);
        }
        for (double t : ticks(ax.yMin(), ax.yMax(), 6)) {
            int y = ax.y(t);
            g.setColor(GRID);
            g.drawLine(ax.left(), y, ax.left() + ax.width(), y);
            g.setColor(Color.BLACK);
            String label = percentY ? String.format(Locale.ROOT, "%.0f%%", t * 100) : format(t);
            g.drawString(label, ax.left() - fm.stringWidth(label) - 6, y + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(ax.left(), ax.top(), ax.width(), ax.height());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        g.drawString(xLabel, ax.left() + (ax.width() - fm.stringWidth(xLabel)) / 2, ax.top() + ax.height() + 42);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(ax.top() + (ax.height() + fm.stringWidth(yLabel)) / 2), ax.left() - 52);
        r.dispose();
    }

    private static void medianLine(Graphics2D g, Axes ax, double median, Color color) {
        g.setColor(color.darker());
        g.setStroke(DASHED);
        g.drawLine(ax.x(median), ax.top(), ax.x(median), ax.top() + ax.height());
        g.setStroke(new BasicStroke(1f));
    }

    private static void legendAt(Graphics2D g, Axes ax, List<Series> series, boolean right, boolean bottom) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int width = series.stream().mapToInt(s -> fm.stringWidth(s.label())).max().orElse(0) + 40;
        int height = 22 * series.size() + 18;
        int x = right ? ax.left() + ax.width() - width - 8 : ax.left() + 8;
        int y = bottom ? ax.top() + ax.height() - height - 8 : ax.top() + 8;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x, y, width, height);
        int line = y + 18;
        for (Series s : series) {
            g.setColor(s.color());
            g.fillRect(x + 6, line - 9, 20, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), x + 32, line);
            line += 22;
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("dashed: medians", x + 6, line);
    }

    private static void save(BufferedImage img, Graphics2D g, Path png) {
        g.dispose();
        try {
            java.nio.file.Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Round tick values (1, 2, 5 x 10^k steps). */
    static double[] ticks(double min, double max, int target) {
        double span = max - min;
        if (span <= 0) {
            return new double[] {min};
        }
        double raw = span / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.ceil(min / step) * step;
        int n = (int) Math.floor((max - first) / step) + 1;
        double[] out = new double[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    private static String format(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] clip(double[] values, double lo, double hi) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(lo, Math.min(hi, out[i]));
        }
        return out;
    }
}
