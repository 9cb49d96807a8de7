package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the repository against real SQLite and PostgreSQL databases in Django's schema. */
class LegacyUserRepositoryTest {

    private static final String[] SEED = {
        "INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) VALUES "
            + "(1, '$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW', FALSE, 'johndoe', 'John', 'Doe', 'johndoe@example.com', FALSE, TRUE, '2024-01-31 09:15:00.123456'),"
            + "(2, '$2a$12$KplebFTPwFcgGQosJgI4De0PyB2AoRCSxasxHpFoYZPp6uQV/xLzm', FALSE, 'janedoe', 'Jane', 'Doe', 'JaneDoe@Example.com', TRUE, TRUE, '2024-02-01 10:00:00'),"
            + "(3, 'x', TRUE, 'alice', 'Alice', 'Wonder', 'alice@example.com', TRUE, FALSE, '2024-02-02 10:00:00'),"
            + "(4, 'x', FALSE, 'CaseUser', 'Case', 'Upper', 'case@example.com', FALSE, TRUE, '2024-02-03 10:00:00'),"
            + "(5, 'x', FALSE, 'caseuser', 'Case', 'Lower', 'case@example.com', FALSE, TRUE, '2024-02-04 10:00:00'),"
            + "(6, 'x', FALSE, 'per%cent_user', 'Odd', 'Chars', '', FALSE, TRUE, '2024-02-05 10:00:00')",
        "INSERT INTO auth_group (id, name) VALUES (1, 'editors'), (2, 'readers')",
        "INSERT INTO auth_user_groups (user_id, group_id) VALUES (1, 1), (1, 2), (2, 2)",
    };

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(SqlDialect.SQLITE, TestDatabases.sqlite(TestDatabases.tempDir())),
                Arguments.of(SqlDialect.POSTGRESQL, TestDatabases.postgres()));
    }

    private static LegacyUserRepository repository(SqlDialect dialect, DataSource ds) {
        TestDatabases.reset(ds, dialect, SEED);
        LegacySchema django = LegacySchema.django();
        LegacySchema schema = new LegacySchema(django.usersTable(), django.idColumn(), django.usernameColumn(),
                django.passwordColumn(), django.emailColumn(), django.firstNameColumn(), django.lastNameColumn(),
                django.activeColumn(), django.createdColumn(), "migrated", List.of("last_login"), django.flagColumns(),
                django.groups());
        return new LegacyUserRepository(ds, schema, dialect, Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findByUsernameWhenCaseInsensitiveThenMatchesAnyCaseAndReportsBothRowsOfACollision(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.lookups().findByUsername("JOHNDOE", true)).extracting(LegacyUser::id).containsExactly("1");
        assertThat(repo.lookups().findByUsername("caseuser", true)).extracting(LegacyUser::username)
                .containsExactlyInAnyOrder("CaseUser", "caseuser");
        assertThat(repo.lookups().findByUsername("CaseUser", false)).extracting(LegacyUser::id).containsExactly("4");
        assertThat(repo.lookups().findByUsername("nobody", true)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findByIdWhenRowExistsThenMapsEveryColumn(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        LegacyUser john = repo.lookups().findById("1").orElseThrow();

        assertThat(john.username()).isEqualTo("johndoe");
        assertThat(john.passwordHash()).startsWith("$2b$12$");
        assertThat(john.email()).isEqualTo("johndoe@example.com");
        assertThat(john.firstName()).isEqualTo("John");
        assertThat(john.lastName()).isEqualTo("Doe");
        assertThat(john.active()).isTrue();
        assertThat(john.migrated()).isFalse();
        assertThat(john.created()).isEqualTo(Instant.parse("2024-01-31T09:15:00.123456Z"));
        assertThat(john.flags()).containsEntry("is_superuser", false).containsEntry("is_staff", false);
        assertThat(john.toString()).doesNotContain("$2b$");
        assertThat(repo.lookups().findById("3").orElseThrow().active()).isFalse();
        assertThat(repo.lookups().findById("6").orElseThrow().email()).isNull();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findByIdWhenIdIsNotANumberThenEmptyWithoutError(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.lookups().findById("abc")).isEmpty();
        assertThat(repo.lookups().findById("1 OR 1=1")).isEmpty();
        assertThat(repo.lookups().findById("999")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void findByEmailWhenDifferentCaseThenFound(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.lookups().findByEmail("janedoe@example.COM")).extracting(LegacyUser::id).containsExactly("2");
        assertThat(repo.lookups().findByEmail("case@example.com")).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchWhenKeycloakSearchSyntaxThenPrefixWildcardAndExactWork(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(names(repo, "jo")).containsExactly("johndoe");
        assertThat(names(repo, "doe")).containsExactly("janedoe", "johndoe");
        assertThat(names(repo, "*doe")).containsExactly("janedoe", "johndoe");
        assertThat(names(repo, "*")).hasSize(6);
        assertThat(names(repo, "\"jane\"")).containsExactly("janedoe");
        assertThat(names(repo, "\"jan\"")).isEmpty();
        assertThat(names(repo, "jane doe")).containsExactly("janedoe");
        assertThat(names(repo, "per%")).containsExactly("per%cent_user");
        assertThat(names(repo, "p_r")).isEmpty();
        assertThat(names(repo, "' OR '1'='1")).isEmpty();
        assertThat(repo.searches().count(UserSearch.text("doe"))).isEqualTo(2);
        assertThat(repo.searches().count(UserSearch.all())).isEqualTo(6);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchWhenPagedThenOrderedByUsernameWithoutOverlap(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        List<String> all = repo.searches().search(UserSearch.all(), 0, -1).stream().map(LegacyUser::username).toList();
        List<String> page1 = repo.searches().search(UserSearch.all(), 0, 4).stream().map(LegacyUser::username).toList();
        List<String> page2 = repo.searches().search(UserSearch.all(), 4, 4).stream().map(LegacyUser::username).toList();

        assertThat(all).hasSize(6);
        assertThat(page1).hasSize(4);
        assertThat(page2).hasSize(2);
        assertThat(concat(page1, page2)).containsExactlyElementsOf(all);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void searchWhenFieldFiltersThenInfixUnlessExact(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.searches().search(UserSearch.all().withField(ProfileField.EMAIL, "example"), 0, -1)).hasSize(5);
        assertThat(repo.searches().search(UserSearch.all().withField(ProfileField.FIRST_NAME, "jan").withExact(true), 0, -1))
                .isEmpty();
        assertThat(repo.searches().search(UserSearch.all().withField(ProfileField.FIRST_NAME, "JANE").withExact(true), 0, -1))
                .extracting(LegacyUser::username).containsExactly("janedoe");
        assertThat(repo.searches().search(UserSearch.all().withActive(false), 0, -1)).extracting(LegacyUser::username)
                .containsExactly("alice");
        assertThat(repo.searches().search(UserSearch.all().withAttribute("no_such_column", "x"), 0, -1)).isEmpty();
        assertThat(repo.searches().search(UserSearch.all().matchingNothing(), 0, -1)).isEmpty();
    }

    private static UserSearch members(Set<String> flags, Set<String> groups) {
        return UserSearch.all().withMembership(new UserSearch.Membership(flags, groups));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void groupsWhenMappedThenNamesAndMembers(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.lookups().groupNamesOf("1")).containsExactly("editors", "readers");
        assertThat(repo.lookups().groupNamesOf("3")).isEmpty();
        assertThat(repo.searches().search(members(Set.of(), Set.of("readers")), 0, 10)).extracting(LegacyUser::username)
                .containsExactly("janedoe", "johndoe");
        assertThat(repo.lookups().allGroupNames()).containsExactly("editors", "readers");
        assertThat(repo.searches().search(members(Set.of("is_staff"), Set.of()), 0, 10)).extracting(LegacyUser::username)
                .containsExactly("alice", "janedoe");
        // Any flag or any group: the members of a realm role mapped from a flag and, as roles, from legacy groups.
        assertThat(repo.searches().search(members(Set.of("is_staff"), Set.of("editors")), 0, 10))
                .extracting(LegacyUser::username).containsExactly("alice", "janedoe", "johndoe");
        assertThat(repo.searches().count(members(Set.of("is_staff"), Set.of("editors")))).isEqualTo(3);
        assertThat(repo.searches().search(members(Set.of("no_such_flag"), Set.of()), 0, 10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void updatesWhenRowExistsThenWritten(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.writes().updatePasswordHash("1", "pbkdf2_sha256$1000$salt$hash")).isTrue();
        assertThat(repo.writes().updateField("1", ProfileField.EMAIL, "new@example.com")).isTrue();
        assertThat(repo.writes().updateField("1", ProfileField.ACTIVE, false)).isTrue();
        assertThat(repo.writes().markMigrated("1")).isTrue();
        assertThat(repo.writes().updatePasswordHash("999", "x")).isFalse();

        LegacyUser john = repo.lookups().findById("1").orElseThrow();
        assertThat(john.passwordHash()).isEqualTo("pbkdf2_sha256$1000$salt$hash");
        assertThat(john.email()).isEqualTo("new@example.com");
        assertThat(john.active()).isFalse();
        assertThat(john.migrated()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void updateFieldWhenClearedAndColumnNotNullThenEmptyStringAsDjangoStoresBlank(SqlDialect dialect, DataSource ds)
            throws java.sql.SQLException {
        LegacyUserRepository repo = repository(dialect, ds);

        // auth_user.first_name and email are NOT NULL in Django's schema: NULL would violate it.
        assertThat(repo.writes().updateField("1", ProfileField.FIRST_NAME, null)).isTrue();
        assertThat(repo.writes().updateField("1", ProfileField.EMAIL, null)).isTrue();

        assertThat(repo.lookups().findById("1").orElseThrow().firstName()).isNull();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT first_name, email FROM auth_user WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEmpty();
            assertThat(rs.getString(2)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void auditQueriesWhenDuplicatesThenReported(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.dataQuality().caseInsensitiveDuplicates(LegacyDataQuality.DuplicateColumn.USERNAME, 10))
                .containsExactly(java.util.Map.entry("caseuser", 2L));
        assertThat(repo.dataQuality().caseInsensitiveDuplicates(LegacyDataQuality.DuplicateColumn.EMAIL, 10))
                .containsEntry("case@example.com", 2L);
        assertThat(repo.lookups().newestPassword()).map(PasswordRow::hash).contains("x");
        assertThat(repo.lookups().pageAfter(null, 4)).extracting(LegacyUser::id).containsExactly("1", "2", "3", "4");
        assertThat(repo.lookups().pageAfter("4", 4)).extracting(LegacyUser::id).containsExactly("5", "6");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void caseInsensitiveDuplicateSummaryWhenCollisionsThenDistinctValuesAndRowsCounted(SqlDialect dialect, DataSource ds) {
        LegacyUserRepository repo = repository(dialect, ds);

        assertThat(repo.dataQuality().caseInsensitiveDuplicateSummary(LegacyDataQuality.DuplicateColumn.USERNAME))
                .isEqualTo(new LegacyDataQuality.DuplicateSummary(1, 2));
        assertThat(repo.dataQuality().caseInsensitiveDuplicateSummary(LegacyDataQuality.DuplicateColumn.EMAIL))
                .isEqualTo(new LegacyDataQuality.DuplicateSummary(1, 2));

        repo.writes().updateField("1", ProfileField.EMAIL, "CASE@example.com");
        repo.writes().updateField("2", ProfileField.EMAIL, "");
        repo.writes().updateField("3", ProfileField.EMAIL, "");

        assertThat(repo.dataQuality().caseInsensitiveDuplicateSummary(LegacyDataQuality.DuplicateColumn.EMAIL))
                .as("empty emails are no collision; three rows share case@example.com")
                .isEqualTo(new LegacyDataQuality.DuplicateSummary(1, 3));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void caseInsensitiveDuplicateSummaryWhenNoCollisionOrNoColumnThenZero(SqlDialect dialect, DataSource ds) {
        TestDatabases.reset(ds, dialect, "INSERT INTO auth_user (id, password, is_superuser, username, first_name, "
                + "last_name, email, is_staff, is_active, date_joined) VALUES (1, 'x', FALSE, 'a', '', '', 'a@x', FALSE, "
                + "TRUE, '2024-01-01 00:00:00')");
        LegacySchema noEmail = new LegacySchema("auth_user", "id", "username", "password", null, null, null, null,
                null, null, List.of(), List.of(), null);
        LegacyUserRepository repo = new LegacyUserRepository(ds, noEmail, dialect, Duration.ofSeconds(5));

        assertThat(repo.dataQuality().caseInsensitiveDuplicateSummary(LegacyDataQuality.DuplicateColumn.USERNAME))
                .isEqualTo(new LegacyDataQuality.DuplicateSummary(0, 0));
        assertThat(repo.dataQuality().caseInsensitiveDuplicateSummary(LegacyDataQuality.DuplicateColumn.EMAIL))
                .isEqualTo(new LegacyDataQuality.DuplicateSummary(0, 0));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void checkSchemaWhenColumnMissingThenNamesIt(SqlDialect dialect, DataSource ds) {
        TestDatabases.reset(ds, dialect, SEED);
        LegacySchema django = LegacySchema.django();
        LegacySchema typo = new LegacySchema("auth_user", "id", "username", "password", "emial", null, null, null, null,
                null, List.of(), List.of(), null);
        LegacySchema noTable = new LegacySchema("auth_users", "id", "username", "password", null, null, null, null,
                null, null, List.of(), List.of(), null);

        assertThat(new LegacyUserRepository(ds, django, dialect, Duration.ofSeconds(5)).schemaCheck().checkSchema()).isEmpty();
        assertThat(new LegacyUserRepository(ds, typo, dialect, Duration.ofSeconds(5)).schemaCheck().checkSchema())
                .containsExactly("Column 'emial' was not found in table 'auth_user'");
        assertThat(new LegacyUserRepository(ds, noTable, dialect, Duration.ofSeconds(5)).schemaCheck().checkSchema())
                .containsExactly("Users table 'auth_users' was not found or is not readable");
    }

    @org.junit.jupiter.api.Test
    void schemaWhenIdentifierIsNotPlainThenRejectedWithTheFieldName() {
        assertThatThrownBy(() -> new LegacySchema("auth_user; DROP TABLE auth_user", "id", "username", "password",
                null, null, null, null, null, null, List.of(), List.of(), null))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageStartingWith("Users table must be a plain SQL identifier");
        assertThatThrownBy(() -> new LegacySchema("auth_user", "id", "user\"name", "password",
                null, null, null, null, null, null, List.of(), List.of(), null))
                .hasMessageStartingWith("Username column must be a plain SQL identifier");
        assertThat(SqlIdentifiers.isPlainQualified("legacy.auth_user")).isTrue();
        assertThat(SqlIdentifiers.isPlainQualified("a.b.c")).isFalse();
    }

    private static List<String> names(LegacyUserRepository repo, String search) {
        return repo.searches().search(UserSearch.text(search), 0, 100).stream().map(LegacyUser::username).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
