package dev.legacybridge.keycloak.testing;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.LegacyUser;
import dev.legacybridge.store.LegacyUserRepository;
import dev.legacybridge.store.SqlDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.keycloak.common.util.MultivaluedHashMap;
import org.sqlite.SQLiteDataSource;

/**
 * The "fake repository" of the provider's unit tests: a real SQLite file in a test's temporary directory with
 * Django's auth tables as {@code manage.py migrate} leaves them (see {@code legacy-db/schema-sqlite.sql}), read and
 * written through the real {@link LegacyUserRepository}. Rows get cheap hashes (1,000 PBKDF2 iterations) so that a
 * test verifies passwords in microseconds.
 */
public final class DjangoTable {

    /** The format of every hash this fixture writes: cheap, and allowed by the default policy. */
    public static final EncodingTarget CHEAP = EncodingTarget.djangoPbkdf2Sha256(1000);

    private final Path file;

    public DjangoTable(Path dir) {
        this.file = dir.resolve("legacy.sqlite3");
        execute("CREATE TABLE \"auth_group\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                + "\"name\" varchar(150) NOT NULL UNIQUE)");
        execute("CREATE TABLE \"auth_user\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                + "\"password\" varchar(128) NOT NULL, \"last_login\" datetime NULL, \"is_superuser\" bool NOT NULL, "
                + "\"username\" varchar(150) NOT NULL UNIQUE, \"last_name\" varchar(150) NOT NULL, "
                + "\"email\" varchar(254) NOT NULL, \"is_staff\" bool NOT NULL, \"is_active\" bool NOT NULL, "
                + "\"date_joined\" datetime NOT NULL, \"first_name\" varchar(150) NOT NULL)");
        execute("CREATE TABLE \"auth_user_groups\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
                + "\"user_id\" integer NOT NULL REFERENCES \"auth_user\" (\"id\"), "
                + "\"group_id\" integer NOT NULL REFERENCES \"auth_group\" (\"id\"))");
    }

    public String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    /** An active user with a cheap hash of {@code password}, names from the username; returns its id. */
    public String insert(String username, String password) {
        return insert(username, hash(password), username + "@example.com", true, false, false);
    }

    /** A user with exactly this stored password value; returns its id. */
    public String insert(String username, String storedPassword, String email, boolean active, boolean superuser,
                         boolean staff) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO auth_user (password, "
                + "is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2019-03-14 09:26:53')", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, storedPassword);
            ps.setBoolean(2, superuser);
            ps.setString(3, username);
            ps.setString(4, "First " + username);
            ps.setString(5, "Last " + username);
            ps.setString(6, email);
            ps.setBoolean(7, staff);
            ps.setBoolean(8, active);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts user {@code userId} into legacy group {@code group}, creating the group if needed. */
    public void addToGroup(String userId, String group) {
        execute("INSERT OR IGNORE INTO auth_group (name) VALUES ('" + group.replace("'", "''") + "')");
        execute("INSERT INTO auth_user_groups (user_id, group_id) SELECT " + Long.parseLong(userId)
                + ", id FROM auth_group WHERE name = '" + group.replace("'", "''") + "'");
    }

    /** One column of one row, as the table holds it now (bypassing the repository). */
    public String column(String userId, String column) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT \"" + column
                + "\" FROM auth_user WHERE id = ?")) {
            ps.setLong(1, Long.parseLong(userId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on the file, as the legacy application would. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes every later query fail, as an outage would: the users table is gone. */
    public void breakIt() {
        execute("DROP TABLE auth_user_groups");
        execute("DROP TABLE auth_user");
    }

    /** A component configuration for this file (Django preset) plus {@code keyValues} (key, value, key, value...). */
    public MultivaluedHashMap<String, String> config(String... keyValues) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("jdbcUrl", jdbcUrl());
        config.putSingle("passwordFormat", CHEAP.scheme() + ":" + CHEAP.cost());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.putSingle(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    public LegacyStoreConfig parse(String... keyValues) {
        return LegacyStoreConfig.from(config(keyValues));
    }

    /** The real repository over this file, as the provider's pool would build it. */
    public LegacyUserRepository repository(LegacyStoreConfig config) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl(jdbcUrl());
        return new LegacyUserRepository(ds, config.schema(), SqlDialect.SQLITE, Duration.ofSeconds(5));
    }

    /** The row of {@code userId} as the repository maps it. */
    public LegacyUser row(LegacyStoreConfig config, String userId) {
        return repository(config).lookups().findById(userId).orElseThrow();
    }

    public static String hash(String password) {
        return PasswordEncoders.encode(CHEAP, password);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }
}
