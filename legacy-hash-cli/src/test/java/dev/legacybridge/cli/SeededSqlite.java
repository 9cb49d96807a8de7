package dev.legacybridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQLite file in Django's schema with the seed users of {@code legacy-db/} (copied onto the test classpath by the
 * pom): 29 users, ids 1..29 in the order of legacy-db/README.md.
 */
final class SeededSqlite {

    static final int ROWS = 29;
    static final String JOHNDOE = "1";
    static final String ALICE = "3";
    static final String U_MALFORMED = "24";
    static final String U_UNUSABLE = "25";
    static final String CASE_USER = "26";
    static final String CASEUSER = "27";

    private SeededSqlite() {
    }

    /** Creates {@code dir/legacy.sqlite3} with schema, seed and long-hash seed; returns its JDBC URL. */
    static String create(Path dir, String... extraStatements) {
        Path file = dir.resolve("legacy.sqlite3");
        String url = "jdbc:sqlite:" + file;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String script : List.of("schema-sqlite.sql", "seed.sql", "seed-long-hashes.sql")) {
                for (String sql : statements(resource(script))) {
                    s.execute(sql);
                }
            }
            for (String sql : extraStatements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url;
    }

    static void execute(String url, String... statements) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = SeededSqlite.class.getClassLoader().getResourceAsStream("legacy-db/" + name)) {
            if (in == null) {
                throw new IllegalStateException("legacy-db/" + name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Statements of a script: {@code --} comments and {@code ;} outside single-quoted literals, as in legacy-db/. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (quoted) {
                current.append(c);
                quoted = c != '\'';
            } else if (c == '\'') {
                quoted = true;
                current.append(c);
            } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (c == ';') {
                add(out, current);
            } else {
                current.append(c);
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        current.setLength(0);
    }
}
