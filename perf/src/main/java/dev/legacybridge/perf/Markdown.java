package dev.legacybridge.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A Markdown table, built row by row. Cells are escaped ({@code |}) and numbers formatted by the caller. */
final class Markdown {

    private final List<String> header;
    private final List<Boolean> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with {@code >} are right-aligned (the marker is removed). */
    Markdown(String... columns) {
        this.header = new ArrayList<>();
        this.rightAligned = new ArrayList<>();
        for (String c : columns) {
            boolean right = c.startsWith(">");
            header.add(right ? c.substring(1) : c);
            rightAligned.add(right);
        }
    }

    Markdown row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("Expected " + header.size() + " cells, got " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString().replace("|", "\\|").replace("\n", " "));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (boolean right : rightAligned) {
            sb.append(right ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    /** {@code 1234.5 -> "1,234.5"} with the given decimals. */
    static String num(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** Milliseconds with sensible precision: 0.123, 12.3, 1,234. */
    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        if (millis < 1) {
            return num(millis, 3);
        }
        if (millis < 100) {
            return num(millis, 1);
        }
        return num(millis, 0);
    }
}
