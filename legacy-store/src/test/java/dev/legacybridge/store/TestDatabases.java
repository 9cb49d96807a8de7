package dev.legacybridge.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/** Real databases for repository tests: a SQLite file and an embedded PostgreSQL, both with Django's auth tables. */
final class TestDatabases {

    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    static DataSource sqlite(Path dir) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("legacy.sqlite3"));
        return ds;
    }

    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // best effort at JVM exit
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    /** Drops and recreates Django's auth_user, auth_group and auth_user_groups, then runs {@code seed}. */
    static void reset(DataSource ds, SqlDialect dialect, String... seed) {
        String bool = dialect == SqlDialect.SQLITE ? "bool" : "boolean";
        String serial = dialect == SqlDialect.SQLITE ? "integer NOT NULL PRIMARY KEY AUTOINCREMENT" : "serial PRIMARY KEY";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS auth_user_groups");
            s.execute("DROP TABLE IF EXISTS auth_group");
            s.execute("DROP TABLE IF EXISTS auth_user");
            s.execute("CREATE TABLE auth_user (id " + serial + ", password varchar(128) NOT NULL, last_login timestamp NULL, "
                    + "is_superuser " + bool + " NOT NULL, username varchar(150) NOT NULL UNIQUE, first_name varchar(150) NOT NULL, "
                    + "last_name varchar(150) NOT NULL, email varchar(254) NOT NULL, is_staff " + bool + " NOT NULL, "
                    + "is_active " + bool + " NOT NULL, date_joined timestamp NOT NULL, migrated " + bool + " NULL)");
            s.execute("CREATE TABLE auth_group (id " + serial + ", name varchar(150) NOT NULL UNIQUE)");
            s.execute("CREATE TABLE auth_user_groups (id " + serial + ", user_id integer NOT NULL REFERENCES auth_user (id), "
                    + "group_id integer NOT NULL REFERENCES auth_group (id))");
            for (String sql : seed) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("legacy-store-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
