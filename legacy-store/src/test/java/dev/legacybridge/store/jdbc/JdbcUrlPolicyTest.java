package dev.legacybridge.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlPolicyTest {

    private final JdbcUrlPolicy policy = JdbcUrlPolicy.unrestricted();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db:5432/app",
            "jdbc:postgresql://127.0.0.1:5432/legacy",
            "jdbc:postgresql://db/app",
            "jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary&loadBalanceHosts=true",
            "jdbc:postgresql://[::1]:5432/app",
            "jdbc:postgresql://db.example.internal:5432/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory",
            "jdbc:postgresql://db:5432/app?currentSchema=legacy&ApplicationName=x&connectTimeout=3&password=pw",
            "jdbc:mariadb://db:3306/app",
            "jdbc:mariadb://127.0.0.1:3306/legacy?sslMode=verify-full&connectTimeout=5000",
            "jdbc:mysql://db:3306/app",
            "jdbc:mysql://db/app?sslMode=REQUIRED&serverTimezone=UTC&characterEncoding=utf8",
            "jdbc:mysql://db:3306"})
    void checkWhenUrlFormOfReadmeAndTestsThenAccepted(String url) {
        CheckedJdbcUrl checked = policy.check(url);

        assertThat(checked.url()).isEqualTo(url);
        assertThat(checked.hosts()).isNotEmpty();
    }

    @Test
    void checkWhenNoPortThenDriverDefaultPortIsWhatTheOperatorChecks() {
        assertThat(policy.check("jdbc:postgresql://db/app").hosts()).containsExactly(new HostPort("db", 5432));
        assertThat(policy.check("jdbc:mysql://DB/app").hosts()).containsExactly(new HostPort("db", 3306));
        assertThat(policy.check("jdbc:postgresql://[::1]/app").hosts()).containsExactly(new HostPort("::1", 5432));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:h2:mem:y;INIT=CALL CSVWRITE('/tmp/x.csv', 'SELECT 42')",
            "jdbc:h2:file:/tmp/x",
            "jdbc:derby:memory:x;create=true",
            "jdbc:hsqldb:mem:x",
            "jdbc:oracle:thin:@db:1521:x",
            "jdbc:sqlserver://db;databaseName=x",
            "jdbc:aws-wrapper:postgresql://db/app",
            "jdbc:mysql+srv://db/app",
            "mysql://db/app",
            "postgresql://db/app"})
    void checkWhenUnsupportedSubprotocolThenRefusedNamingTheSupportedOnes(String url) {
        assertThatThrownBy(() -> policy.check(url))
                .isInstanceOf(RefusedJdbcUrlException.class)
                .hasMessageContaining("is not supported")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql:app",
            "jdbc:postgresql:/",
            "jdbc:mysql:loadbalance://h1,h2/app",
            "jdbc:mysql:replication://h1,h2/app",
            "jdbc:mariadb:replication://h1,h2/app",
            "jdbc:mariadb:sequential://h1,h2/app"})
    void checkWhenShortOrHighAvailabilityFormThenRefused(String url) {
        assertThatThrownBy(() -> policy.check(url)).hasMessageContaining("must have the form");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://address=(host=db)(port=3306)(allowLoadLocalInfile=true)/app",
            "jdbc:mysql://(host=db,port=3306,allowLoadLocalInfile=true)/app",
            "jdbc:mariadb://address=(host=db)(port=3306)(type=primary)/app",
            "jdbc:mysql://user:secret@db/app",
            "jdbc:postgresql://db%2Fx:5432/app",
            "jdbc:postgresql:///app",
            "jdbc:postgresql://db:0/app",
            "jdbc:postgresql://db:99999/app",
            "jdbc:postgresql://db:5432/app#frag",
            "jdbc:mysql://db/app;allowLoadLocalInfile=true"})
    void checkWhenHostPartIsNotPlainThenRefused(String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedJdbcUrlException.class)
                .message().doesNotContain("secret");
    }

    @Test
    void checkWhenUpperCasePrefixThenRefused() {
        assertThatThrownBy(() -> policy.check("JDBC:POSTGRESQL://db/app")).hasMessageContaining("in lower case");
    }

    static Stream<Arguments> refusedParameters() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.MYSQL).flatMap(kind ->
                DriverParameters.of(kind).rules().values().stream().filter(rule -> rule.refusal().isPresent())
                        .map(rule -> Arguments.of(kind, rule.name(), rule.refusal().get())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedParameters")
    void checkWhenRefusedParameterThenRefusedWithItsReason(DatabaseKind kind, String name, RefusalReason reason) {
        String url = kind.prefix() + "//db/app?" + name + "=value";

        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedJdbcUrlException.class)
                .hasMessageContaining("'" + name + "' is refused: it " + reason.explanation());
        String shouted = kind.prefix() + "//db/app?" + name.toUpperCase(java.util.Locale.ROOT) + "=value";
        assertThatThrownBy(() -> policy.check(shouted)).hasMessageContaining("is refused");
    }

    static Stream<Arguments> allowedParameters() {
        return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.MYSQL).flatMap(kind ->
                DriverParameters.of(kind).rules().values().stream().filter(rule -> rule.refusal().isEmpty())
                        .map(rule -> Arguments.of(kind, rule.name(), rule.allowedValues().isEmpty() ? "1"
                                : rule.allowedValues().iterator().next())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("allowedParameters")
    void checkWhenAllowedParameterThenAccepted(DatabaseKind kind, String name, String value) {
        CheckedJdbcUrl checked = policy.check(kind.prefix() + "//db/app?" + name + "=" + value);

        assertThat(checked.parameters()).containsEntry(name, value);
    }

    static Stream<Arguments> forcedProperties() {
        return Stream.of(DatabaseKind.values()).flatMap(kind -> DriverParameters.of(kind).forced().entrySet().stream()
                .map(e -> Arguments.of(kind, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @MethodSource("forcedProperties")
    void connectionPropertiesWhenForcedThenAlwaysSetAndNotOverridableByTheUrl(DatabaseKind kind, String name,
                                                                             String value) throws Exception {
        CheckedJdbcUrl checked = kind == DatabaseKind.SQLITE ? policy.check("jdbc:sqlite:" + sqliteFile())
                : policy.check(kind.prefix() + "//db/app");

        assertThat(checked.connectionProperties("u", "p", Duration.ofSeconds(5), false)).containsEntry(name, value);
        if (kind != DatabaseKind.SQLITE) {
            assertThatThrownBy(() -> policy.check(kind.prefix() + "//db/app?" + name + "=" + value))
                    .hasMessageContaining("is set by Legacy Bridge");
        }
        // A misspelt forced name would protect nothing: the real driver must know it.
        java.sql.Driver driver = checked.loadDriver(getClass().getClassLoader());
        assertThat(Stream.of(driver.getPropertyInfo(checked.url(), new Properties())).map(p -> p.name.toLowerCase(
                java.util.Locale.ROOT))).contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "HOST", "PGHOST", "port", "dbname", "service", "socketFactory"})
    void checkWhenPostgresParameterWouldChangeTheHostOrLoadSomethingThenRefused(String name) {
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?" + name + "=evil"))
                .hasMessageContaining("'" + name + "' is refused");
    }

    @Test
    void checkWhenUnknownParameterThenRefusedAsUnknown() {
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?someFutureOption=1"))
                .hasMessageContaining("'someFutureOption' is not one Legacy Bridge accepts for PostgreSQL");
    }

    @Test
    void checkWhenSslFactoryIsNotOneOfTheDriversOwnThenRefused() {
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?sslfactory=com.evil.Factory"))
                .hasMessageContaining("'sslfactory' accepts only DefaultJavaSSLFactory");
        assertThat(policy.check("jdbc:postgresql://db/app?sslfactory=org.postgresql.ssl.LibPQFactory").parameters())
                .containsKey("sslfactory");
    }

    @Test
    void checkWhenParameterGivenTwiceOrMalformedThenRefused() {
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?sslmode=require&SSLMODE=disable"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?ssl%6dode=x"))
                .hasMessageContaining("not a plain parameter name");
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?sslmode=%zz"))
                .hasMessageContaining("malformed %-escape");
    }

    @Test
    void checkWhenRefusedThenMessageNeverEchoesParameterValues() {
        assertThatThrownBy(() -> policy.check("jdbc:postgresql://db/app?password=s3cret-pw&socketFactory=x&sslkey=s3cret-key"))
                .message().contains("socketFactory").contains("sslkey").doesNotContain("s3cret");
    }

    @Test
    void checkWhenSeveralProblemsThenAllListed() {
        RefusedJdbcUrlException e = org.junit.jupiter.api.Assertions.assertThrows(RefusedJdbcUrlException.class,
                () -> policy.check("jdbc:mysql://db/app?allowLoadLocalInfile=true&queryInterceptors=x&profileSQL=true"));

        assertThat(e.problems()).hasSize(3);
    }

    // ------------------------------------------------------------------ operator restrictions

    @Test
    void checkWhenHostOutsideOperatorListThenRefused() {
        JdbcUrlPolicy restricted = new JdbcUrlPolicy(ConnectionRestrictions.parse(
                "legacy-db, *.db.internal, 10.1.0.0/16, [fd00::]/8", null, null));

        assertThat(restricted.check("jdbc:postgresql://legacy-db:5432/app").hosts()).hasSize(1);
        assertThat(restricted.check("jdbc:postgresql://LEGACY-DB:5432/app").hosts()).hasSize(1);
        assertThat(restricted.check("jdbc:mysql://a.b.db.internal/app").hosts()).hasSize(1);
        assertThat(restricted.check("jdbc:mariadb://10.1.200.3/app").hosts()).hasSize(1);
        assertThat(restricted.check("jdbc:postgresql://[fd12::1]/app").hosts()).hasSize(1);
        for (String url : new String[] {"jdbc:postgresql://db.internal/app", "jdbc:postgresql://legacy-db.evil/app",
                "jdbc:postgresql://10.2.0.1/app", "jdbc:postgresql://127.0.0.1/app", "jdbc:postgresql://[::1]/app",
                "jdbc:postgresql://legacy-db,evil/app", "jdbc:postgresql://xdb.internal/app"}) {
            assertThatThrownBy(() -> restricted.check(url)).as(url)
                    .hasMessageContaining("is not among the hosts the server operator allows");
        }
    }

    @Test
    void checkWhenPortOutsideOperatorRangesThenRefused() {
        JdbcUrlPolicy restricted = new JdbcUrlPolicy(ConnectionRestrictions.parse(null, "5432, 3306, 10000-10010", null));

        assertThat(restricted.check("jdbc:postgresql://db/app").hosts()).hasSize(1);
        assertThat(restricted.check("jdbc:mysql://db:10010/app").hosts()).hasSize(1);
        assertThatThrownBy(() -> restricted.check("jdbc:postgresql://db:22/app"))
                .hasMessageContaining("port 22 is not among the ports");
        assertThatThrownBy(() -> restricted.check("jdbc:postgresql://db:5432,db2:6379/app"))
                .hasMessageContaining("port 6379");
    }

    @Test
    void parseWhenOperatorSettingIsWrongThenSaysWhich() {
        assertThatThrownBy(() -> ConnectionRestrictions.parse("db, bad host", null, null)).hasMessageContaining("bad host");
        assertThatThrownBy(() -> ConnectionRestrictions.parse("10.0.0.0/40", null, null)).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ConnectionRestrictions.parse(null, "0", null)).hasMessageContaining("1..65535");
        assertThatThrownBy(() -> ConnectionRestrictions.parse(null, "http", null)).hasMessageContaining("not a port");
        assertThatThrownBy(() -> ConnectionRestrictions.parse(null, null, "relative/dir")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> ConnectionRestrictions.parse(null, null, dir.resolve("missing").toString()))
                .hasMessageContaining("not a directory");
    }

    // ------------------------------------------------------------------ SQLite

    @Test
    void checkWhenSqliteDatabaseFileThenAcceptedWithItsRealPath() throws Exception {
        Path file = sqliteFile();

        CheckedJdbcUrl checked = policy.check("jdbc:sqlite:" + file);

        assertThat(checked.url()).isEqualTo("jdbc:sqlite:" + file.toRealPath());
        assertThat(checked.database()).isEqualTo(file.toRealPath().toString());
    }

    @Test
    void checkWhenSqliteFileMissingUnreadableOrNotSqliteThenOneMessageAndNothingCreated() throws Exception {
        Path missing = dir.resolve("missing.sqlite3");
        Path text = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");

        String missingMessage = messageOf("jdbc:sqlite:" + missing);
        String textMessage = messageOf("jdbc:sqlite:" + text);
        String dirMessage = messageOf("jdbc:sqlite:" + dir);

        assertThat(missingMessage).contains("is not an existing SQLite database file that Keycloak can read");
        assertThat(textMessage.replace(text.toString(), "X")).isEqualTo(missingMessage.replace(missing.toString(), "X"));
        assertThat(dirMessage).contains("is not an existing SQLite database file");
        assertThat(missing).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite::resource:http://evil/db",
            "jdbc:sqlite:file:/tmp/x.db?mode=rwc", "jdbc:sqlite:relative.db", "jdbc:sqlite:/tmp/x.db?open_mode=6",
            "jdbc:sqlite:/tmp/x.db?enable_load_extension=true"})
    void checkWhenSqliteUrlIsNotAPlainAbsolutePathThenRefused(String url) {
        assertThatThrownBy(() -> policy.check(url)).isInstanceOf(RefusedJdbcUrlException.class);
    }

    @Test
    void checkWhenSqliteFileOutsideOperatorDirectoryThenRefusedEvenThroughDotsOrSymlinks() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path inside = sqliteFile(allowed.resolve("app.sqlite3"));
        Path other = sqliteFile(outside.resolve("other.sqlite3"));
        Path link = Files.createSymbolicLink(allowed.resolve("link.sqlite3"), other);
        JdbcUrlPolicy restricted = new JdbcUrlPolicy(ConnectionRestrictions.parse(null, null, allowed.toString()));

        assertThat(restricted.check("jdbc:sqlite:" + inside).database()).isEqualTo(inside.toRealPath().toString());
        assertThatThrownBy(() -> restricted.check("jdbc:sqlite:" + other)).hasMessageContaining("must be inside");
        assertThatThrownBy(() -> restricted.check("jdbc:sqlite:" + allowed + "/../outside/other.sqlite3"))
                .hasMessageContaining("must be inside");
        assertThatThrownBy(() -> restricted.check("jdbc:sqlite:" + link)).hasMessageContaining("must be inside");
        assertThatThrownBy(() -> restricted.check("jdbc:sqlite:" + allowed.resolve("missing.sqlite3")))
                .hasMessageContaining("is not an existing SQLite database");
    }

    @Test
    void connectionPropertiesWhenSqliteThenReadOnlyUnlessTheModeWritesAndNeverCreate() throws Exception {
        Path file = sqliteFile();
        CheckedJdbcUrl checked = policy.check("jdbc:sqlite:" + file);

        Properties readOnly = checked.connectionProperties(null, null, Duration.ofSeconds(5), false);
        Properties writing = checked.connectionProperties(null, null, Duration.ofSeconds(5), true);

        assertThat(readOnly.getProperty("open_mode")).isEqualTo("1");
        assertThat(writing.getProperty("open_mode")).isEqualTo("2");
        try (Connection c = checked.loadDriver(getClass().getClassLoader()).connect(checked.url(), readOnly);
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (2)")).hasMessageContaining("readonly");
        }
        try (Connection c = checked.loadDriver(getClass().getClassLoader()).connect(checked.url(), writing);
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (2)");
        }
    }

    @Test
    void connectionPropertiesWhenPostgresWithoutPasswordThenEmptyPasswordSoPgpassIsNeverRead() {
        Properties props = policy.check("jdbc:postgresql://db/app").connectionProperties("app", null,
                Duration.ofSeconds(7), false);

        assertThat(props).containsEntry("password", "").containsEntry("user", "app")
                .containsEntry("connectTimeout", "7").containsEntry("logServerErrorDetail", "false");
    }

    @Test
    void loadDriverWhenKindThenExactlyThatDriverClass() throws Exception {
        for (String url : new String[] {"jdbc:postgresql://db/app", "jdbc:mariadb://db/app", "jdbc:mysql://db/app"}) {
            CheckedJdbcUrl checked = policy.check(url);
            assertThat(checked.loadDriver(getClass().getClassLoader()).getClass().getName())
                    .isEqualTo(checked.kind().driverClass());
        }
    }

    @Test
    void describeWhenAnyUrlThenNoParametersOrCredentials() {
        assertThat(policy.check("jdbc:postgresql://db:5432,db2/app?password=pw&sslmode=require").describe())
                .isEqualTo("PostgreSQL at db:5432,db2:5432/app");
    }

    private String messageOf(String url) {
        try {
            policy.check(url);
        } catch (RefusedJdbcUrlException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + url);
    }

    private Path sqliteFile() throws Exception {
        return sqliteFile(dir.resolve("legacy.sqlite3"));
    }

    private static Path sqliteFile(Path file) throws Exception {
        if (!Files.exists(file)) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INTEGER)");
            }
        }
        return file;
    }

}
