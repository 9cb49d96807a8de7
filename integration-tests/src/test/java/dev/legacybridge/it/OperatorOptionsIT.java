package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, the server operator's side: a Keycloak of its own (a second copy of the distribution), started with the
 * provider's SPI options, a realm imported at startup whose component points at an embedded PostgreSQL, and a tenant
 * administrator of that realm. Shows that the options are read from {@code kc.sh}'s command line, that the JDBC URL
 * lock leaves the startup import alone but stops literal URLs from the admin REST API, and that a component stored
 * under looser options does not connect after a restart with stricter ones.
 */
@DisplayName("Given a server operator restricting the legacy-database provider with SPI options")
class OperatorOptionsIT {

    private static final String REALM = "tenant-op";
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static KeycloakDistribution dist;
    private static Path vaultDir;
    private static Path sqliteDir;

    @BeforeAll
    static void setUp() throws Exception {
        Path work = ItSettings.workDir().resolve("operator-options");
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(work.resolve("pg"), false);
        vaultDir = Files.createDirectories(work.resolve("vault"));
        sqliteDir = Files.createDirectories(work.resolve("sqlite"));
        dist = KeycloakDistribution.unpack(ItSettings.distZip(), ItSettings.workDir().resolve("keycloak-operator"));
        dist.installProviders(KeycloakDistribution.jarsIn(ItSettings.providersDir()));
        dist.installRealmImport(REALM + "-realm.json", realmJson());
        dist.resetData();
        dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5));
    }

    @AfterAll
    static void tearDown() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static KeycloakServer start(String allowedHosts, String logName) {
        KeycloakServer.Options options = KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(),
                        ItSettings.workDir().resolve("logs").resolve(logName))
                .withAdmin("admin", "admin")
                .withExtraArgs("--vault-dir=" + vaultDir,
                        "--spi-storage--legacy-database--allowed-hosts=" + allowedHosts,
                        "--spi-storage--legacy-database--allowed-ports=" + postgres.port(),
                        "--spi-storage--legacy-database--sqlite-directory=" + sqliteDir,
                        "--spi-storage--legacy-database--jdbc-url-in-admin-console=false")
                .withReadyTimeout(Duration.ofMinutes(4));
        return dist.start(options, KeycloakDistribution.DEFAULT_BUILD_OPTIONS);
    }

    /** A realm with a demo-cli client, a tenant administrator and a component on the PostgreSQL fixture. */
    private static byte[] realmJson() {
        Map<String, Object> component = Map.of("name", "legacy-pg", "providerId", DemoRealm.LEGACY_PROVIDER_ID,
                "config", AdminClient.configNode(Map.of("jdbcUrl", postgres.jdbcUrl(), "jdbcUser", postgres.username(),
                        "jdbcPassword", postgres.password(), "schemaPreset", "django", "cachePolicy", "NO_CACHE")));
        Map<String, Object> realm = Map.of(
                "realm", REALM, "enabled", true,
                "clients", List.of(Map.of("clientId", ItRealm.CLIENT, "enabled", true, "publicClient", true,
                        "directAccessGrantsEnabled", true, "standardFlowEnabled", false)),
                "users", List.of(Map.of("username", TenantAdmin.USERNAME, "enabled", true,
                        "email", "tenant-admin@example.com", "firstName", "Tenant", "lastName", "Admin",
                        "credentials", List.of(Map.of("type", "password", "value", TenantAdmin.PASSWORD,
                                "temporary", false)),
                        "clientRoles", Map.of("realm-management", List.of("manage-realm", "view-realm")))),
                "components", Map.of(AdminClient.USER_STORAGE, List.of(component)));
        return Http.write(realm).getBytes(StandardCharsets.UTF_8);
    }

    private static int legacyConnections() {
        return (int) postgres.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                + "'keycloak-legacy-bridge'");
    }

    @Test
    @DisplayName("the lock keeps literal URLs out of the admin REST API; a startup import, vault references and a "
            + "restart with stricter hosts behave as the operator set them")
    void operatorOptionsWhenLockedAndRestrictedThenOnlyOperatorChosenUrlsConnect() throws Exception {
        TokenClient tokens;
        String componentId;
        try (KeycloakServer server = start("127.0.0.1", "keycloak-operator-1.log")) {
            tokens = new TokenClient(server.baseUrl());
            assertThat(Files.readString(server.logFile())).contains("JDBC URLs restricted by the server operator")
                    .contains("allowed hosts [127.0.0.1]").contains("only as a vault reference");

            // The realm file imported at startup set a literal URL: the lock does not apply to it.
            assertThat(tokens.passwordGrant(REALM, ItRealm.CLIENT, "johndoe", "secret", null).status()).isEqualTo(200);

            AdminClient tenant = new AdminClient(server.baseUrl(), REALM, TenantAdmin.USERNAME, TenantAdmin.PASSWORD);
            componentId = tenant.get("/" + REALM + "/components?type=" + AdminClient.USER_STORAGE).get(0)
                    .get("id").asText();
            ObjectNode stored = (ObjectNode) tenant.get("/" + REALM + "/components/" + componentId);

            // Changing another field keeps the stored literal URL: allowed.
            ((ObjectNode) stored.get("config")).putArray("poolMaxSize").add("4");
            tenant.call("PUT", "/" + REALM + "/components/" + componentId, stored).expect(204);

            // Changing the literal URL, or creating a component with one: refused.
            ((ObjectNode) stored.get("config")).putArray("jdbcUrl").add(postgres.jdbcUrl() + "?connectTimeout=3");
            assertThat(message(tenant.call("PUT", "/" + REALM + "/components/" + componentId, stored)))
                    .startsWith("The server operator does not allow setting a JDBC URL in the admin console");
            Map<String, Object> config = new HashMap<>(Map.of("jdbcUrl", postgres.jdbcUrl(), "jdbcUser",
                    postgres.username(), "jdbcPassword", postgres.password(), "schemaPreset", "django"));
            assertThat(message(tenant.call("POST", "/" + REALM + "/components",
                    TenantAdmin.componentRepresentation("literal", DemoRealm.LEGACY_PROVIDER_ID, config))))
                    .startsWith("The server operator does not allow setting a JDBC URL");

            // A vault reference the operator provided: allowed, and still checked against hosts, ports, directory.
            config.put("jdbcUrl", "${vault.legacyurl}");
            Files.writeString(vaultDir.resolve(REALM + "_legacyurl"),
                    "jdbc:postgresql://localhost:" + postgres.port() + "/legacy");
            assertThat(message(tenant.call("POST", "/" + REALM + "/components",
                    TenantAdmin.componentRepresentation("vault", DemoRealm.LEGACY_PROVIDER_ID, config))))
                    .contains("host 'localhost' is not among the hosts the server operator allows ([127.0.0.1])");
            Files.writeString(vaultDir.resolve(REALM + "_legacyurl"), "jdbc:postgresql://127.0.0.1:5433/legacy");
            assertThat(message(tenant.call("POST", "/" + REALM + "/components",
                    TenantAdmin.componentRepresentation("vault", DemoRealm.LEGACY_PROVIDER_ID, config))))
                    .contains("port 5433 is not among the ports the server operator allows ([" + postgres.port() + "])");
            Files.writeString(vaultDir.resolve(REALM + "_legacyurl"), "jdbc:sqlite:" + ItSettings.workDir()
                    .resolve("legacy").resolve("shared-realm.sqlite3"));
            assertThat(message(tenant.call("POST", "/" + REALM + "/components",
                    TenantAdmin.componentRepresentation("vault", DemoRealm.LEGACY_PROVIDER_ID, config))))
                    .contains("the SQLite file must be inside " + sqliteDir.toRealPath());
            Files.writeString(vaultDir.resolve(REALM + "_legacyurl"), postgres.jdbcUrl());
            String vaultComponent = tenant.call("POST", "/" + REALM + "/components",
                    TenantAdmin.componentRepresentation("vault", DemoRealm.LEGACY_PROVIDER_ID, config)).expect(201)
                    .createdId();
            tenant.call("DELETE", "/" + REALM + "/components/" + vaultComponent, null).expect(204);
            assertThat(legacyConnections()).isPositive();
        }

        // The operator tightens the allowed hosts; the component stored under the old options must not connect.
        assertThat(Poll.until(Duration.ofSeconds(30), Duration.ofMillis(200), OperatorOptionsIT::legacyConnections,
                n -> n == 0)).isZero();
        try (KeycloakServer server = start("legacy-db.internal", "keycloak-operator-2.log")) {
            TokenClient.TokenResponse refused = new TokenClient(server.baseUrl())
                    .passwordGrant(REALM, ItRealm.CLIENT, "johndoe", "secret", null);

            // johndoe is a linked Keycloak user since the first run: the provider cannot check the password (503).
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.error()).isEqualTo("temporarily_unavailable");
            assertThat(legacyConnections()).isZero();
            assertThat(Files.readString(server.logFile()))
                    .contains("host '127.0.0.1' is not among the hosts the server operator allows ([legacy-db.internal])");
        }
    }

    private static String message(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return Http.parse(response.body()).path("errorMessage").asText();
    }
}
