package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting the plain SQL files of {@code legacy-db/} into statements, and running them. */
class SqlScriptTest {

    @Test
    void statementsWhenSemicolonInsideAQuotedLiteralThenNotASplit() {
        assertThat(SqlScript.statements("INSERT INTO t VALUES ('a;b'); INSERT INTO t VALUES ('c');"))
                .containsExactly("INSERT INTO t VALUES ('a;b')", "INSERT INTO t VALUES ('c')");
    }

    @Test
    void statementsWhenDoubledQuoteInsideALiteralThenKeptAndTheLiteralGoesOn() {
        assertThat(SqlScript.statements("INSERT INTO t VALUES ('it''s; fine');SELECT 1"))
                .containsExactly("INSERT INTO t VALUES ('it''s; fine')", "SELECT 1");
    }

    @Test
    void statementsWhenLineCommentsThenDroppedWithTheSemicolonsAndQuotesInThem() {
        String script = """
                -- header; with a semicolon and an 'unterminated quote
                CREATE TABLE t (x text); -- trailing comment; still a comment
                --
                INSERT INTO t VALUES ('1') -- no semicolon before the comment
                ;
                """;

        assertThat(SqlScript.statements(script)).containsExactly("CREATE TABLE t (x text)", "INSERT INTO t VALUES ('1')");
    }

    @Test
    void statementsWhenDoubleDashInsideALiteralThenKept() {
        assertThat(SqlScript.statements("INSERT INTO t VALUES ('a--b'); -- real comment"))
                .containsExactly("INSERT INTO t VALUES ('a--b')");
    }

    @Test
    void statementsWhenEmptyStatementsOrNoFinalSemicolonThenOnlyRealStatements() {
        assertThat(SqlScript.statements(";;  ;\n SELECT 1 ;\n\n SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(SqlScript.statements("-- only a comment\n")).isEmpty();
    }

    @Test
    void statementsWhenALiteralIsNotClosedThenRefused() {
        assertThatThrownBy(() -> SqlScript.statements("INSERT INTO t VALUES ('oops);"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unterminated string literal");
    }

    @Test
    void runWhenScriptValidThenEveryStatementRunsInOrder() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            SqlScript.run(c, "CREATE TABLE t (n integer, s text); INSERT INTO t VALUES (1, 'a;b');\n"
                    + "-- comment\nINSERT INTO t VALUES (2, 'it''s')");

            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, s FROM t ORDER BY n")) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + ":" + rs.getString(2));
                }
            }
            assertThat(rows).containsExactly("1:a;b", "2:it's");
        }
    }

    @Test
    void runWhenAStatementFailsThenTheErrorNamesTheStatement() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            assertThatThrownBy(() -> SqlScript.run(c, "CREATE TABLE t (n integer);\nINSERT INTO   missing\n VALUES (1);"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no such table")
                    .hasMessageEndingWith("in: INSERT INTO missing VALUES (1)");
        }
    }
}
