package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code legacy-db/} scripts per database family, and the SQLite legacy database made from them. */
class LegacyDbScriptsTest {

    @TempDir
    Path dir;

    @Test
    void schemaWhenEachDialectThenDjangosThreeAuthTables() {
        for (LegacyDbScripts.Dialect dialect : LegacyDbScripts.Dialect.values()) {
            List<String> created = SqlScript.statements(LegacyDbScripts.schema(dialect)).stream()
                    .map(s -> s.toLowerCase(Locale.ROOT).replaceAll("[\"`]", ""))
                    .filter(s -> s.startsWith("create table"))
                    .map(s -> s.replaceFirst("^create table (if not exists )?", "").split("[\\s(]")[0])
                    .toList();

            assertThat(created).as(dialect.name()).containsExactlyInAnyOrder("auth_group", "auth_user",
                    "auth_user_groups");
            assertThat(SqlScript.statements(LegacyDbScripts.optionalIndexes(dialect))).as(dialect.name())
                    .isNotEmpty().allMatch(s -> s.toLowerCase(Locale.ROOT).contains("lower("));
        }
    }

    @Test
    void createWhenSqliteThenEverySeedRowIsThereIncludingHashesLongerThanDjangosColumn() throws Exception {
        Path file = dir.resolve("legacy").resolve("db.sqlite3");
        int users = countUserInserts(LegacyDbScripts.seed()) + countUserInserts(LegacyDbScripts.longHashSeed());

        assertThat(LegacySqlite.createIfMissing(file)).isTrue();

        try (Connection c = DriverManager.getConnection(LegacySqlite.jdbcUrl(file)); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM auth_user")).isEqualTo(String.valueOf(users));
            assertThat(single(s, "SELECT password FROM auth_user WHERE username = 'johndoe'")).startsWith("$2b$12$");
            assertThat(Integer.parseInt(single(s, "SELECT max(length(password)) FROM auth_user"))).isGreaterThan(128);
            assertThat(Integer.parseInt(single(s, "SELECT count(*) FROM auth_user_groups"))).isPositive();
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary file left next to it
        }
    }

    @Test
    void createIfMissingWhenTheFileExistsThenLeftAsItIs() throws Exception {
        Path file = dir.resolve("db.sqlite3");
        Files.writeString(file, "the user's own database");

        assertThat(LegacySqlite.createIfMissing(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("the user's own database");
    }

    @Test
    void widenPasswordColumnWhenSqliteThenAStatementThatRunsAndChangesNothing() throws Exception {
        assertThat(LegacyDbScripts.Dialect.POSTGRESQL.widenPasswordColumn()).contains("varchar(255)");
        assertThat(LegacyDbScripts.Dialect.MYSQL.widenPasswordColumn()).contains("varchar(255)");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            SqlScript.run(c, LegacyDbScripts.schema(LegacyDbScripts.Dialect.SQLITE));
            SqlScript.run(c, LegacyDbScripts.Dialect.SQLITE.widenPasswordColumn());
        }
    }

    private static int countUserInserts(String script) {
        List<String> inserts = new ArrayList<>();
        for (String statement : SqlScript.statements(script)) {
            if (statement.replaceAll("\\s+", " ").startsWith("INSERT INTO auth_user (")) {
                inserts.add(statement);
            }
        }
        return inserts.size();
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
