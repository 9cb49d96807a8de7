package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MIGRATE mode over a legacy PostgreSQL: a user is copied into Keycloak's own store at the first successful login,
 * and only then; later logins never need the legacy database.
 */
@DisplayName("Given the provider in MIGRATE mode")
class MigrateOnLoginIT {

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static ItRealm realm;
    private static String componentId;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-migrate"), false);
        postgres.execute("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT FALSE;");
        // Django allows blank names and emails; so does this realm (see ItRealm#withOptionalNamesAndEmail).
        realm = ItRealm.create(keycloak, "migrate", Map.of()).withOptionalNamesAndEmail();
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("migratedColumn", "migrated");
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg",
                DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        postgres.close();
    }

    @AfterEach
    void clearLockouts() {
        keycloak.admin().clearBruteForce(realm.name());
    }

    private static JsonNode userNamed(String username) {
        List<JsonNode> found = keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true"));
        assertThat(found).as("users named " + username).hasSize(1);
        return keycloak.admin().user(realm.name(), found.get(0).path("id").asText());
    }

    private static boolean migrated(String username) {
        return postgres.queryLong("SELECT count(*) FROM auth_user WHERE username = '" + username + "' AND migrated") == 1;
    }

    @Test
    @DisplayName("a wrong first password creates nothing; the right one migrates the user with profile, roles and groups")
    void loginWhenFirstPasswordWrongThenNothingElseMigrated() {
        assertThat(realm.login("admin_legacy", "not-the-password").status()).isEqualTo(400);
        JsonNode before = userNamed("admin_legacy");
        assertThat(before.path("federationLink").asText()).as("met, linked, not migrated").isEqualTo(componentId);
        assertThat(migrated("admin_legacy")).isFalse();

        TokenClient.TokenResponse first = realm.login("admin_legacy", "hashsecret");

        assertThat(first.status()).isEqualTo(200);
        JsonNode user = userNamed("admin_legacy");
        String id = user.path("id").asText();
        assertThat(id).as("migration keeps the id").isEqualTo(before.path("id").asText());
        assertThat(first.claims().path("sub").asText()).as("the first token already names the migrated user")
                .isEqualTo(id);
        assertThat(user.has("federationLink")).isFalse();
        assertThat(user.path("email").asText()).isEqualTo("admin_legacy@example.com");
        assertThat(user.path("attributes").path("legacyId").get(0).asText()).isNotBlank();
        assertThat(keycloak.admin().userRealmRoles(realm.name(), id)).contains("admin", "staff");
        assertThat(keycloak.admin().userGroups(realm.name(), id)).contains("editors");
        assertThat(first.realmRoles()).contains("admin", "staff");
        JsonNode credentials = keycloak.admin().get("/" + realm.name() + "/users/" + id + "/credentials");
        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).path("credentialData").asText()).as("a native Keycloak hash")
                .contains("\"algorithm\":\"argon2\"");
        assertThat(migrated("admin_legacy")).as("the legacy row is marked").isTrue();

        TokenClient.TokenResponse second = realm.login("admin_legacy", "hashsecret");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.claims().path("sub").asText()).isEqualTo(id);
    }

    /**
     * In a realm with brute-force detection, Keycloak itself (its blocking brute-force protector, since the fix for
     * CVE-2024-4629) refuses a login of a user while another login of the same user is in flight, for native users as
     * much as for ours ({@code user_temporarily_disabled}). So the race is run where Keycloak lets concurrent logins
     * through: without brute-force detection.
     */
    @Test
    @DisplayName("20 concurrent first logins of one user all succeed and create exactly one Keycloak user")
    void loginWhenConcurrentFirstLoginsThenExactlyOneUser() throws Exception {
        try (ItRealm open = ItRealm.create(keycloak, "migrate-race", Map.of("bruteForceProtected", false))
                .withOptionalNamesAndEmail()) {
            Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
            config.put("editMode", "MIGRATE");
            keycloak.admin().createUserStorageComponent(open.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Callable<TokenClient.TokenResponse>> logins = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    logins.add(() -> open.login("u_bcrypt", "secret"));
                }
                List<String> subs = new ArrayList<>();
                for (Future<TokenClient.TokenResponse> future : pool.invokeAll(logins)) {
                    TokenClient.TokenResponse response = future.get();
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    subs.add(response.claims().path("sub").asText());
                }
                List<JsonNode> users = keycloak.admin().findUsers(open.name(), Map.of("username", "u_bcrypt", "exact", "true"));
                assertThat(users).hasSize(1);
                String id = users.get(0).path("id").asText();
                assertThat(id).doesNotStartWith("f:");
                assertThat(subs).as("every token names the one migrated user").containsOnly(id);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("a legacy password that breaks the realm's policy still logs in once, then must be changed")
    void loginWhenLegacyPasswordBreaksPolicyThenUpdatePasswordRequired() {
        Map<String, Object> settings = Map.of("passwordPolicy", "length(8)",
                "clients", List.of(Map.of("clientId", "web", "enabled", true, "publicClient", true,
                        "standardFlowEnabled", true, "redirectUris", List.of("http://localhost/cb"))));
        try (ItRealm strict = ItRealm.create(keycloak, "migrate-policy", settings).withOptionalNamesAndEmail()) {
            Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
            config.put("editMode", "MIGRATE");
            keycloak.admin().createUserStorageComponent(strict.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);

            BrowserLogin browser = new BrowserLogin();
            BrowserLogin.Page next = browser.login(keycloak.baseUrl(), strict.name(), "web", "http://localhost/cb",
                    "staff_legacy", "secret");

            assertThat(next.formId()).as(next.describe()).isEqualTo("kc-passwd-update-form");
            List<JsonNode> users = keycloak.admin().findUsers(strict.name(), Map.of("username", "staff_legacy", "exact", "true"));
            JsonNode user = keycloak.admin().user(strict.name(), users.get(0).path("id").asText());
            assertThat(user.path("id").asText()).doesNotStartWith("f:");
            assertThat(user.path("requiredActions").toString()).contains("UPDATE_PASSWORD");

            BrowserLogin.Page done = browser.submit(next, Map.of("password-new", "a-much-longer-one",
                    "password-confirm", "a-much-longer-one"));
            assertThat(done.redirectsTo("http://localhost/cb")).as("HTTP " + done.status()).isTrue();
            assertThat(strict.login("staff_legacy", "a-much-longer-one").status()).isEqualTo(200);
            assertThat(strict.login("staff_legacy", "secret").status()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("a migrated user still logs in while the legacy database is down; a federated one gets a clean error")
    void loginWhenLegacyDatabaseDownThenMigratedUserUnaffected() {
        assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(200);
        postgres.stop();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(200);
            }
            TokenClient.TokenResponse federated = realm.login("staff_legacy", "secret");
            assertThat(federated.status()).isIn(400, 503);
            assertThat(federated.body().has("access_token")).isFalse();
        } finally {
            postgres.start();
        }
    }
}
