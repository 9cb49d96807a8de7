package dev.legacybridge.keycloak.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.store.LegacySchema;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.ProfileRequirements;
import dev.legacybridge.store.SqlDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The page's audit over more rows than one page, against SQLite in Django's schema. */
class TableAuditTest {

    private static final String BCRYPT = "$2b$04$iS3exuvDjsnGLdIwTsjzK.heXrvOJG0SkfRAwskpWUit6DJD5uAwK";

    @TempDir
    Path dir;

    @Test
    void runWhenTableSpansSeveralPagesThenEveryRowCountedOnceBySchemeStatusAndProfile() throws Exception {
        Path file = dir.resolve("audit.sqlite3");
        int rows = TableAudit.PAGE_SIZE * 2 + 7;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE auth_user (id INTEGER PRIMARY KEY, password TEXT, last_login TEXT, "
                    + "is_superuser BOOLEAN, username TEXT, first_name TEXT, last_name TEXT, email TEXT, "
                    + "is_staff BOOLEAN, is_active BOOLEAN, date_joined TEXT)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO auth_user (id, password, username, "
                    + "first_name, last_name, email, is_superuser, is_staff, is_active, date_joined) "
                    + "VALUES (?, ?, ?, ?, ?, ?, 0, 0, 1, '2024-01-01 00:00:00')")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, i % 100 == 0 ? "5ebe2294ecd0e0f08eab7690d2a6ee69" // unsalted MD5: not allowed
                            : i % 250 == 1 ? "" : BCRYPT);
                    insert.setString(3, "user" + i);
                    insert.setString(4, "First");
                    insert.setString(5, i % 10 == 0 ? "" : "Last");
                    insert.setString(6, "user" + i + "@example.com");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        LegacyUserRepository repository = new LegacyUserRepository(ds, LegacySchema.django(), SqlDialect.SQLITE,
                Duration.ofSeconds(30));
        List<Long> progress = new ArrayList<>();

        TableAudit.Result result = TableAudit.run(repository, new LegacyPasswordVerifier(HashPolicy.defaults()),
                ProfileRequirements.KEYCLOAK_DEFAULT, progress::add);

        long md5 = rows / 100;
        long empty = (rows - 1) / 250 + 1;
        assertThat(result.rows()).isEqualTo(rows);
        assertThat(result.statuses()).containsEntry("notAllowed", md5).containsEntry("noPassword", empty)
                .containsEntry("usable", rows - md5 - empty).containsEntry("malformed", 0L);
        assertThat(result.schemes()).extracting(TableAudit.SchemeRow::scheme).contains("bcrypt", "empty");
        assertThat(result.schemes().stream().filter(TableAudit.SchemeRow::weak).mapToLong(TableAudit.SchemeRow::rows)
                .sum()).isEqualTo(md5);
        assertThat(result.profileStops()).isEqualTo(rows / 10);
        assertThat(progress).containsExactly((long) TableAudit.PAGE_SIZE, 2L * TableAudit.PAGE_SIZE, (long) rows);

        TableAudit.Result lenient = TableAudit.run(repository, new LegacyPasswordVerifier(HashPolicy.defaults()),
                new ProfileRequirements(true, true, false), n -> { });
        assertThat(lenient.profileStops()).isZero();
    }
}
