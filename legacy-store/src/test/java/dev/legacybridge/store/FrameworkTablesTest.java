package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The presets' tables as their frameworks create them (column types of each framework's schema, reduced to what
 * SQLite and PostgreSQL share), read through the options an administrator would set: the preset name only.
 */
class FrameworkTablesTest {

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(SqlDialect.SQLITE, TestDatabases.sqlite(TestDatabases.tempDir())),
                Arguments.of(SqlDialect.POSTGRESQL, TestDatabases.postgres()));
    }

    private static void run(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LegacyUserRepository repository(DataSource ds, SqlDialect dialect, Map<String, List<String>> options) {
        LegacySchema schema = LegacySchemaOptions.resolve(options).schema();
        return new LegacyUserRepository(ds, schema, dialect, Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wordpressWhenCapabilitiesSerializedThenRolesReadAndSearchable(SqlDialect dialect, DataSource ds) {
        // WordPress's own DDL writes ID unquoted, which MySQL and SQLite keep as ID; on PostgreSQL a port must quote it.
        String id = dialect == SqlDialect.POSTGRESQL ? "\"ID\"" : "ID";
        run(ds, "DROP TABLE IF EXISTS wp_usermeta", "DROP TABLE IF EXISTS wp_users",
                "CREATE TABLE wp_users (" + id + " bigint NOT NULL PRIMARY KEY, user_login varchar(60) NOT NULL, "
                        + "user_pass varchar(255) NOT NULL, user_nicename varchar(50) NOT NULL, "
                        + "user_email varchar(100) NOT NULL, user_url varchar(100) NOT NULL, "
                        + "user_registered timestamp NOT NULL, user_activation_key varchar(255) NOT NULL, "
                        + "user_status integer NOT NULL, display_name varchar(250) NOT NULL)",
                "CREATE TABLE wp_usermeta (umeta_id bigint NOT NULL PRIMARY KEY, user_id bigint NOT NULL, "
                        + "meta_key varchar(255), meta_value text)",
                "INSERT INTO wp_users VALUES (1, 'admin', '$P$BDb2CR0E6zrKVmH9xqxbUnO7LBt4oq1', 'admin', "
                        + "'admin@example.com', '', '2024-03-01 08:00:00', '', 0, 'Site Admin')",
                "INSERT INTO wp_users VALUES (2, 'writer', '$P$BDb2CR0E6zrKVmH9xqxbUnO7LBt4oq1', 'writer', "
                        + "'writer@example.com', '', '2024-03-02 08:00:00', '', 0, 'Writer')",
                "INSERT INTO wp_usermeta VALUES (1, 1, 'wp_capabilities', 'a:1:{s:13:\"administrator\";b:1;}'), "
                        + "(2, 1, 'wp_user_level', '10'), (3, 1, 'nickname', 'a:1:{s:6:\"editor\";b:1;}'), "
                        + "(4, 2, 'wp_capabilities', 'a:2:{s:6:\"editor\";b:1;s:6:\"author\";b:0;}')");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("wordpress")));

        assertThat(repo.schemaCheck().checkSchema()).isEmpty();
        LegacyUser admin = repo.lookups().findByUsername("ADMIN", true).get(0);
        assertThat(admin.id()).isEqualTo("1");
        assertThat(admin.email()).isEqualTo("admin@example.com");
        assertThat(admin.created()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(repo.lookups().groupNamesOf("1")).containsExactly("administrator");
        assertThat(repo.lookups().groupNamesOf("2")).containsExactly("editor");
        assertThat(repo.lookups().groupNamesByUser(List.of("1", "2")))
                .containsEntry("1", List.of("administrator")).containsEntry("2", List.of("editor"));
        assertThat(repo.lookups().allGroupNames()).containsExactly("administrator", "editor");
        assertThat(repo.searches().search(UserSearch.all().withMembership(
                new UserSearch.Membership(Set.of(), Set.of("editor"))), 0, 10))
                .extracting(LegacyUser::username).containsExactly("writer");
        assertThat(repo.searches().count(UserSearch.all().withMembership(
                new UserSearch.Membership(Set.of(), Set.of("author"))))).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void springJdbcWhenKeyedByUsernameThenAuthoritiesAreRoles(SqlDialect dialect, DataSource ds) {
        run(ds, "DROP TABLE IF EXISTS authorities", "DROP TABLE IF EXISTS users_roles", "DROP TABLE IF EXISTS users",
                "CREATE TABLE users (username varchar(50) NOT NULL PRIMARY KEY, password varchar(500) NOT NULL, "
                        + "enabled boolean NOT NULL)",
                "CREATE TABLE authorities (username varchar(50) NOT NULL REFERENCES users (username), "
                        + "authority varchar(50) NOT NULL)",
                "INSERT INTO users VALUES ('alice', '{noop}x', TRUE), ('bob', '{noop}x', FALSE)",
                "INSERT INTO authorities VALUES ('alice', 'ROLE_USER'), ('alice', 'ROLE_ADMIN'), ('bob', 'ROLE_USER')");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("spring_jdbc")));

        assertThat(repo.schemaCheck().checkSchema()).isEmpty();
        assertThat(repo.lookups().findById("alice")).get().extracting(LegacyUser::active).isEqualTo(true);
        assertThat(repo.lookups().findById("bob")).get().extracting(LegacyUser::active).isEqualTo(false);
        assertThat(repo.lookups().groupNamesOf("alice")).containsExactly("ROLE_ADMIN", "ROLE_USER");
        assertThat(repo.lookups().allGroupNames()).containsExactly("ROLE_ADMIN", "ROLE_USER");
        assertThat(repo.lookups().pageAfter("alice", 10)).extracting(LegacyUser::id).containsExactly("bob");
        assertThat(repo.searches().search(UserSearch.all().withMembership(
                new UserSearch.Membership(Set.of(), Set.of("ROLE_ADMIN"))), 0, 10))
                .extracting(LegacyUser::username).containsExactly("alice");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aspnetIdentityWhenMixedCaseNamesThenQuotedAndLockoutRead(SqlDialect dialect, DataSource ds) {
        String q = dialect == SqlDialect.POSTGRESQL ? "\"" : "`";
        String tz = dialect == SqlDialect.POSTGRESQL ? "timestamp with time zone" : "text";
        run(ds, "DROP TABLE IF EXISTS " + q + "AspNetUserRoles" + q, "DROP TABLE IF EXISTS " + q + "AspNetRoles" + q,
                "DROP TABLE IF EXISTS " + q + "AspNetUsers" + q,
                "CREATE TABLE " + q + "AspNetUsers" + q + " (" + q + "Id" + q + " text NOT NULL PRIMARY KEY, "
                        + q + "UserName" + q + " varchar(256), " + q + "NormalizedUserName" + q + " varchar(256), "
                        + q + "Email" + q + " varchar(256), " + q + "PasswordHash" + q + " text, "
                        + q + "LockoutEnd" + q + " " + tz + ", " + q + "LockoutEnabled" + q + " boolean NOT NULL, "
                        + q + "AccessFailedCount" + q + " integer NOT NULL)",
                "CREATE TABLE " + q + "AspNetRoles" + q + " (" + q + "Id" + q + " text NOT NULL PRIMARY KEY, "
                        + q + "Name" + q + " varchar(256))",
                "CREATE TABLE " + q + "AspNetUserRoles" + q + " (" + q + "UserId" + q + " text NOT NULL, "
                        + q + "RoleId" + q + " text NOT NULL)",
                "INSERT INTO " + q + "AspNetUsers" + q + " VALUES ('8e445865-a24d-4543-a6c6-9443d048cdb9', 'Ada', "
                        + "'ADA', 'ada@example.com', 'AQAAAAIAAYagAAAAE', NULL, TRUE, 0), "
                        + "('a0b1c2d3-0000-4000-8000-000000000002', 'locked', 'LOCKED', 'locked@example.com', "
                        + "'AQAAAAIAAYagAAAAE', '2999-01-01 00:00:00+00', TRUE, 5)",
                "INSERT INTO " + q + "AspNetRoles" + q + " VALUES ('r1', 'Admin'), ('r2', 'Reader')",
                "INSERT INTO " + q + "AspNetUserRoles" + q + " VALUES ('8e445865-a24d-4543-a6c6-9443d048cdb9', 'r1')");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("aspnet_identity")));

        assertThat(repo.schemaCheck().checkSchema()).isEmpty();
        LegacyUser ada = repo.lookups().findByUsername("ada", true).get(0);
        assertThat(ada.lockedAt(Instant.now())).isFalse();
        assertThat(repo.lookups().groupNamesOf(ada.id())).containsExactly("Admin");
        LegacyUser locked = repo.lookups().findById("a0b1c2d3-0000-4000-8000-000000000002").orElseThrow();
        assertThat(locked.lockedUntil()).isEqualTo(Instant.parse("2999-01-01T00:00:00Z"));
        assertThat(locked.lockedAt(Instant.now())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void drupal7WhenCreatedIsUnixSecondsThenInstantAndRolesJoined(SqlDialect dialect, DataSource ds) {
        run(ds, "DROP TABLE IF EXISTS authorities", "DROP TABLE IF EXISTS users_roles", "DROP TABLE IF EXISTS role",
                "DROP TABLE IF EXISTS users",
                "CREATE TABLE users (uid bigint NOT NULL PRIMARY KEY, name varchar(60) NOT NULL, "
                        + "pass varchar(128) NOT NULL, mail varchar(254), created integer NOT NULL, "
                        + "status smallint NOT NULL)",
                "CREATE TABLE role (rid bigint NOT NULL PRIMARY KEY, name varchar(64) NOT NULL, weight integer)",
                "CREATE TABLE users_roles (uid bigint NOT NULL, rid bigint NOT NULL)",
                "INSERT INTO users VALUES (0, '', '', '', 0, 0), (1, 'root', '$S$x', 'root@example.com', 1700000000, 1),"
                        + " (2, 'blocked', '$S$x', 'b@example.com', 1700000100, 0)",
                "INSERT INTO role VALUES (1, 'anonymous user', 0), (2, 'authenticated user', 1), (3, 'administrator', 2)",
                "INSERT INTO users_roles VALUES (1, 3)");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("drupal7")));

        assertThat(repo.schemaCheck().checkSchema()).isEmpty();
        LegacyUser root = repo.lookups().findByUsername("root", true).get(0);
        assertThat(root.created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(root.active()).isTrue();
        assertThat(repo.lookups().findById("2").orElseThrow().active()).isFalse();
        assertThat(repo.lookups().groupNamesOf("1")).containsExactly("administrator");
        assertThat(repo.searches().search(UserSearch.all(), 0, 10)).as("the anonymous row (uid 0) is nobody")
                .extracting(LegacyUser::username).containsExactlyInAnyOrder("root", "blocked");
        assertThat(repo.searches().count(UserSearch.all())).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void saltColumnWhenMappedThenReadWithEveryPasswordRead(SqlDialect dialect, DataSource ds) {
        run(ds, "DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id integer NOT NULL PRIMARY KEY, login varchar(50) NOT NULL, "
                        + "password_hash varchar(128), password_salt varchar(64))",
                "INSERT INTO accounts VALUES (1, 'a', 'aa', 's1'), (2, 'b', 'bb', NULL), (3, 'c', NULL, NULL)");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("generic"),
                "usersTable", List.of("accounts"), "idColumn", List.of("id"), "usernameColumn", List.of("login"),
                "passwordColumn", List.of("password_hash"), "saltColumn", List.of("password_salt")));

        assertThat(repo.lookups().findById("1").orElseThrow().passwordSalt()).isEqualTo("s1");
        assertThat(repo.lookups().findById("2").orElseThrow().passwordSalt()).isNull();
        assertThat(repo.lookups().passwordsAfter(null, 10)).extracting(PasswordRow::id, PasswordRow::hash,
                PasswordRow::salt).containsExactly(org.assertj.core.groups.Tuple.tuple("1", "aa", "s1"),
                org.assertj.core.groups.Tuple.tuple("2", "bb", null), org.assertj.core.groups.Tuple.tuple("3", null, null));
        assertThat(repo.lookups().newestPassword()).get().extracting(PasswordRow::id).isEqualTo("2");
        assertThat(repo.lookups().passwordsAfter(null, 10).get(0).toString()).doesNotContain("aa").doesNotContain("s1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void checkSchemaWhenCaseDiffersOnPostgresThenProblemSuggestsTheStoredName(SqlDialect dialect, DataSource ds) {
        run(ds, "DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id integer NOT NULL PRIMARY KEY, login varchar(50) NOT NULL, pw varchar(128))");
        LegacyUserRepository repo = repository(ds, dialect, Map.of("schemaPreset", List.of("generic"),
                "usersTable", List.of("accounts"), "idColumn", List.of("ID"), "usernameColumn", List.of("login"),
                "passwordColumn", List.of("pw")));

        if (dialect == SqlDialect.POSTGRESQL) {
            assertThat(repo.schemaCheck().checkSchema()).containsExactly("Column 'ID' was not found in table "
                    + "'accounts' (PostgreSQL compares quoted names by case; the table has 'id')");
        } else {
            assertThat(repo.schemaCheck().checkSchema()).isEmpty();
        }
    }
}
