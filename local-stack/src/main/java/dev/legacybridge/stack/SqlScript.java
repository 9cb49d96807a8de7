package dev.legacybridge.stack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a plain SQL script (as in {@code legacy-db/}) into statements and runs them over JDBC. Understands
 * {@code --} line comments and single-quoted literals with {@code ''} escapes; nothing else (no procedures, no
 * delimiter changes), which is all the schema and seed files use.
 */
public final class SqlScript {

    private SqlScript() {
    }

    /** The statements of {@code script}, without comments and without the terminating semicolons. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuote = false;
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (inQuote) {
                current.append(c);
                if (c == '\'') {
                    if (i + 1 < n && script.charAt(i + 1) == '\'') {
                        current.append('\'');
                        i++;
                    } else {
                        inQuote = false;
                    }
                }
            } else if (c == '\'') {
                inQuote = true;
                current.append(c);
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (c == ';') {
                add(out, current);
            } else {
                current.append(c);
            }
        }
        if (inQuote) {
            throw new IllegalArgumentException("Unterminated string literal in SQL script");
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder sb) {
        String s = sb.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        sb.setLength(0);
    }

    /** Runs every statement of {@code script} on {@code connection}, in order. */
    public static void run(Connection connection, String script) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements(script)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + " in: " + abbreviate(sql), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
