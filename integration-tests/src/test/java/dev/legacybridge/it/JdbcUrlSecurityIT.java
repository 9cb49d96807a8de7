package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.store.jdbc.DatabaseKind;
import dev.legacybridge.store.jdbc.DriverParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: what a realm administrator who is not a server operator (only {@code manage-realm} in a non-master realm)
 * can make Keycloak do through the JDBC URL of a legacy-database component. Everything goes through the admin REST
 * API as that administrator, against the shared Keycloak, which runs with the operator restrictions of
 * {@link DistributionKeycloak#operatorRestrictions()} (loopback hosts, ports 1024-65535, SQLite files under the test
 * work directory's {@code legacy/}).
 */
@DisplayName("Given a tenant administrator configuring a legacy-database component")
class JdbcUrlSecurityIT {

    private static KeycloakEnvironment keycloak;
    private static ItRealm realm;
    private static AdminClient tenant;
    private static SqliteLegacyDatabase sqlite;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        Assumptions.assumeTrue(keycloak.backendName().equals("distribution"),
                "the operator restrictions are set on the distribution backend");
        realm = ItRealm.create(keycloak, "tenant", Map.of());
        tenant = TenantAdmin.create(keycloak, realm.name());
        sqlite = SqliteLegacyDatabase.create(DistributionKeycloak.legacySqliteDirectory().resolve("tenant.sqlite3"));
    }

    @AfterAll
    static void tearDown() {
        if (realm != null) {
            realm.close();
        }
    }

    private static Http.Response save(String jdbcUrl) {
        Map<String, Object> config = new HashMap<>(sqlite.componentConfig(keycloak));
        config.put("jdbcUrl", jdbcUrl);
        return tenant.call("POST", "/" + realm.name() + "/components",
                TenantAdmin.componentRepresentation("legacy", DemoRealm.LEGACY_PROVIDER_ID, config));
    }

    private static String refusal(String jdbcUrl) {
        Http.Response response = save(jdbcUrl);
        assertThat(response.status()).as(jdbcUrl + " -> " + response.body()).isEqualTo(400);
        assertThat(tenant.get("/" + realm.name() + "/components?type=" + AdminClient.USER_STORAGE)).isEmpty();
        return Http.parse(response.body()).path("errorMessage").asText();
    }

    @Test
    @DisplayName("H2's INIT cannot run SQL on the Keycloak host: the URL is refused and no file appears")
    void saveWhenH2InitThenRefusedAndNoFileWritten() throws Exception {
        Path canary = ItSettings.workDir().resolve("h2-init-canary.csv");
        Files.deleteIfExists(canary);

        String message = refusal("jdbc:h2:mem:y;INIT=CALL CSVWRITE('" + canary + "', 'SELECT 42')");

        assertThat(message).startsWith("JDBC URL 'jdbc:h2:...' is not supported");
        assertThat(canary).doesNotExist();
        for (String other : List.of("jdbc:h2:file:" + canary + ";INIT=RUNSCRIPT FROM 'x'", "jdbc:derby:memory:x;create=true",
                "jdbc:hsqldb:mem:x", "jdbc:postgresql:legacy", "jdbc:mysql:replication://127.0.0.1,127.0.0.1/x")) {
            assertThat(save(other).status()).as(other).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("every parameter that loads classes, deserialises, touches files, runs SQL or redirects is refused")
    void saveWhenRefusedParameterOfAnyDriverThenRefused() throws Exception {
        Path driverLog = ItSettings.workDir().resolve("pg-driver-canary.log");
        Files.deleteIfExists(driverLog);
        List<String> tried = new ArrayList<>();
        for (DatabaseKind kind : List.of(DatabaseKind.POSTGRESQL, DatabaseKind.MARIADB, DatabaseKind.MYSQL)) {
            for (DriverParameters.Rule rule : DriverParameters.of(kind).rules().values()) {
                if (rule.refusal().isEmpty()) {
                    continue;
                }
                String value = rule.name().equals("loggerFile") ? driverLog.toString() : "x";
                String url = kind.prefix() + "//127.0.0.1:15432/legacy?" + rule.name() + "=" + value;

                assertThat(refusal(url)).as(url).contains("'" + rule.name() + "' is refused: it "
                        + rule.refusal().get().explanation());
                tried.add(kind + " " + rule.name());
            }
        }
        assertThat(tried).hasSizeGreaterThan(100);
        assertThat(driverLog).doesNotExist();
        assertThat(refusal("jdbc:mysql://(host=127.0.0.1,port=3306,allowLoadLocalInfile=true)/legacy"))
                .contains("host specifications with properties");
        assertThat(refusal("jdbc:postgresql://127.0.0.1:15432/legacy?HOST=10.0.0.1"))
                .contains("'HOST' is refused");
    }

    @Test
    @DisplayName("SQLite opens only an existing database file inside the operator's directory, never creates one")
    void saveWhenSqlitePathOutsideDirectoryOrNotADatabaseThenRefused() throws Exception {
        Path outsideDir = Files.createDirectories(ItSettings.workDir().resolve("outside-legacy"));
        Path outside = outsideDir.resolve("db.sqlite3");
        Files.copy(sqlite.file(), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path inside = DistributionKeycloak.legacySqliteDirectory();
        Path notADatabase = Files.writeString(inside.resolve("notes.txt"), "not a database\n");
        Path missing = inside.resolve("never-created.sqlite3");
        Files.deleteIfExists(missing);

        assertThat(refusal("jdbc:sqlite:" + outside)).contains("must be inside " + inside);
        assertThat(refusal("jdbc:sqlite:/etc/passwd")).contains("must be inside");
        assertThat(refusal("jdbc:sqlite:" + inside + "/../outside-legacy/db.sqlite3")).contains("must be inside");
        assertThat(refusal("jdbc:sqlite:" + notADatabase)).contains("is not an existing SQLite database file");
        assertThat(refusal("jdbc:sqlite:" + missing)).contains("is not an existing SQLite database file");
        assertThat(refusal("jdbc:sqlite::memory:")).contains("absolute path of an existing database file");
        assertThat(missing).doesNotExist();
    }

    @Test
    @DisplayName("a host or port outside the operator's lists is refused without any connection attempt")
    void saveWhenHostOrPortNotAllowedThenRefusedBeforeConnecting() {
        long start = System.nanoTime();
        // A non-routable address: a connection attempt would hang until the 5 s connect timeout.
        String host = refusal("jdbc:postgresql://10.255.255.1:5432/legacy");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(host).contains("host '10.255.255.1' is not among the hosts the server operator allows");
        assertThat(millis).as("answered without trying to connect").isLessThan(4000);
        assertThat(refusal("jdbc:mariadb://internal-db.example:3306/legacy")).contains("host 'internal-db.example'");
        assertThat(refusal("jdbc:postgresql://127.0.0.1:22/legacy")).contains("port 22 is not among the ports");
    }

    @Test
    @DisplayName("a URL that changes after it was saved (a vault entry) is checked again when a pool opens")
    void loginWhenVaultUrlTurnsIntoARefusedUrlThenNothingConnectsAndTheLogSaysWhy() throws Exception {
        Path vaultFile = DistributionKeycloak.vaultDir().resolve(realm.name() + "_legacyurl");
        Path canary = ItSettings.workDir().resolve("h2-vault-canary.csv");
        Files.deleteIfExists(canary);
        Files.writeString(vaultFile, sqlite.jdbcUrl());
        Map<String, Object> config = new HashMap<>(sqlite.componentConfig(keycloak));
        config.put("jdbcUrl", "${vault.legacyurl}");
        String id = tenant.call("POST", "/" + realm.name() + "/components",
                TenantAdmin.componentRepresentation("legacy", DemoRealm.LEGACY_PROVIDER_ID, config)).expect(201)
                .createdId();
        try {
            assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);

            Files.writeString(vaultFile, "jdbc:h2:mem:v;INIT=CALL CSVWRITE('" + canary + "', 'SELECT 42')");
            TokenClient.TokenResponse refused = realm.login("johndoe", "secret");

            // Unknown user (400) on a fresh lookup, or 503 when Keycloak's user cache asks for the user by id.
            assertThat(refused.status()).isIn(400, 503);
            assertThat(refused.error()).isIn("invalid_grant", "temporarily_unavailable");
            assertThat(canary).doesNotExist();
            assertThat(keycloak.serverLog()).contains("cannot be used: JDBC URL 'jdbc:h2:...' is not supported");

            Files.writeString(vaultFile, sqlite.jdbcUrl());
            assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);
        } finally {
            tenant.call("DELETE", "/" + realm.name() + "/components/" + id, null).expect(204);
            Files.deleteIfExists(vaultFile);
            keycloak.admin().clearBruteForce(realm.name());
        }
    }

    @Test
    @DisplayName("legitimate URLs still work for the tenant administrator")
    void saveWhenLegitimateSqliteUrlThenSavedAndUsersLogIn() {
        Http.Response saved = save(sqlite.jdbcUrl());
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        try {
            assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);
        } finally {
            tenant.call("DELETE", "/" + realm.name() + "/components/" + saved.createdId(), null).expect(204);
        }
    }
}
