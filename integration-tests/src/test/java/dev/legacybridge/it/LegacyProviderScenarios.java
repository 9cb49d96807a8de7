package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The READ_ONLY federation scenarios of the provider, run against one real legacy database per subclass (SQLite,
 * PostgreSQL, MariaDB), through Keycloak's token endpoint and admin REST API, with the component configured through
 * the admin REST API exactly as the console saves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyProviderScenarios {

    protected KeycloakEnvironment keycloak;
    protected ItRealm realm;
    protected LegacyDatabase database;
    protected String componentId;

    /** A seeded Django-schema database with the long hashes loaded; closed after the class. */
    protected abstract LegacyDatabase openDatabase();

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        database = openDatabase();
        realm = ItRealm.create(keycloak, getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), Map.of());
        Map<String, Object> config = new HashMap<>(database.componentConfig(keycloak));
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        config.put("editMode", "READ_ONLY");
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy", DemoRealm.LEGACY_PROVIDER_ID,
                config);
    }

    @AfterAll
    void tearDown() {
        if (realm != null) {
            realm.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @AfterEach
    void clearLockouts() {
        keycloak.admin().clearBruteForce(realm.name());
    }

    static Stream<SeededUsers.Seeded> families() {
        return SeededUsers.ONE_PER_FAMILY.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @DisplayName("Given a legacy user of each hash family, the legacy password gets a token whose sub is the user's "
            + "permanent id")
    void passwordGrantWhenLegacyPasswordThenToken(SeededUsers.Seeded user) {
        TokenClient.TokenResponse response = realm.login(user.username(), user.password());

        assertThat(response.status()).as(user + ": " + response).isEqualTo(200);
        assertThat(response.claims().path("preferred_username").asText()).isEqualTo(user.username());
        JsonNode imported = keycloak.admin().findUsers(realm.name(), Map.of("username", user.username(),
                "exact", "true")).get(0);
        String legacyId = imported.path("attributes").path("legacyId").get(0).asText();
        assertThat(response.claims().path("sub").asText()).isEqualTo(imported.path("id").asText())
                .isEqualTo(dev.legacybridge.keycloak.migration.LegacyIdentity.keycloakId(componentId, legacyId));
        assertThat(imported.path("federationLink").asText()).isEqualTo(componentId);
    }

    @Test
    @DisplayName("Given a wrong password, then Keycloak's 400 invalid_grant")
    void passwordGrantWhenWrongPasswordThenInvalidGrant() {
        TokenClient.TokenResponse response = realm.login("johndoe", "Secret");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_grant");
        assertThat(response.errorDescription()).isEqualTo("Invalid user credentials");
    }

    @Test
    @DisplayName("Given an inactive legacy row, then the login is refused as a disabled account")
    void passwordGrantWhenInactiveThenAccountDisabled() {
        TokenClient.TokenResponse right = realm.login("alice", "secret2");
        TokenClient.TokenResponse wrong = realm.login("alice", "wrong-password");

        assertThat(right.status()).isEqualTo(400);
        assertThat(right.error()).isEqualTo("invalid_grant");
        assertThat(right.errorDescription()).isEqualTo("Account disabled");
        assertThat(wrong.errorDescription()).isEqualTo("Invalid user credentials");
    }

    @Test
    @DisplayName("Given the email address instead of the username, then the login works, in any case")
    void passwordGrantWhenEmailThenToken() {
        for (String login : new String[] {"johndoe@example.com", "JohnDoe@Example.COM", "JOHNDOE"}) {
            TokenClient.TokenResponse response = realm.login(login, "secret");
            assertThat(response.status()).as(login + ": " + response).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("Given an unknown username, then invalid_grant like a wrong password")
    void passwordGrantWhenUnknownUserThenInvalidGrant() {
        TokenClient.TokenResponse response = realm.login("nobody-" + System.nanoTime(), "secret");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_grant");
        assertThat(response.errorDescription()).isEqualTo("Invalid user credentials");
    }

    @Test
    @DisplayName("Given a superuser and a staff user, then their flags become realm roles in the token")
    void passwordGrantWhenFlagsSetThenRolesInToken() {
        assertThat(realm.login("admin_legacy", "hashsecret").realmRoles()).contains("admin", "staff");
        assertThat(realm.login("staff_legacy", "secret").realmRoles()).contains("staff").doesNotContain("admin");
        assertThat(realm.login("johndoe", "secret").realmRoles()).doesNotContain("admin", "staff");
    }

    @Test
    @DisplayName("Given a malformed or unusable stored hash, then the login is refused with no 5xx")
    void passwordGrantWhenStoredHashUnusableThenRefused() {
        for (String[] attempt : new String[][] {{"u_malformed", "secret"}, {"u_unusable", ""},
                {"u_unusable", "IQgbDudMXsKLN57wVLmqMXj3OhILBVzdbLPVWA15"}}) {
            TokenClient.TokenResponse response = realm.login(attempt[0], attempt[1]);
            assertThat(response.status()).as(attempt[0]).isEqualTo(400);
            assertThat(response.error()).isIn("invalid_grant", "invalid_request");
        }
    }

    @Test
    @DisplayName("Given two rows that differ only by case, then neither logs in (the provider cannot tell who is meant)")
    void passwordGrantWhenUsernamesDifferOnlyByCaseThenBothRefused() {
        assertThat(realm.login("caseuser", "hashsecret").status()).isEqualTo(400);
        assertThat(realm.login("CaseUser", "secret").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("Given hostile usernames (SQL injection, odd Unicode, huge), then no login and no 5xx")
    void passwordGrantWhenHostileUsernameThenNoLoginAndNo5xx() {
        for (String username : SeededUsers.HOSTILE_USERNAMES) {
            for (String password : List.of("secret", "' OR '1'='1")) {
                TokenClient.TokenResponse response = realm.login(username, password);
                assertThat(response.status()).as("username %s", username.length() > 40 ? "x*2000" : username)
                        .isIn(400, 401);
                assertThat(response.body().has("access_token")).isFalse();
            }
        }
        assertThat(realm.login("johndoe", "secret").status()).as("still works afterwards").isEqualTo(200);
    }

    @Test
    @DisplayName("Given admin searches, then Keycloak's prefix, wildcard and exact semantics, counts and paging work")
    void adminSearchWhenQueriedThenPrefixWildcardExactCountAndPaging() {
        AdminClient admin = keycloak.admin();
        String r = realm.name();

        assertThat(usernames(admin.searchUsers(r, "john"))).containsExactly("johndoe");
        assertThat(usernames(admin.searchUsers(r, "*doe"))).containsExactlyInAnyOrder("janedoe", "johndoe");
        assertThat(usernames(admin.searchUsers(r, "\"janedoe\""))).containsExactly("janedoe");
        assertThat(usernames(admin.searchUsers(r, "\"jan\""))).as("exact, not prefix").isEmpty();
        assertThat(usernames(admin.searchUsers(r, "\"doe\""))).as("exact last name")
                .containsExactlyInAnyOrder("janedoe", "johndoe");
        assertThat(usernames(admin.findUsers(r, Map.of("username", "johndoe", "exact", "true")))).containsExactly("johndoe");
        assertThat(usernames(admin.findUsers(r, Map.of("email", "janedoe@example.com")))).containsExactly("janedoe");
        assertThat(admin.countUsers(r, Map.of())).isEqualTo(29);
        assertThat(admin.countUsers(r, Map.of("search", "u_django"))).isEqualTo(10);

        List<String> all = usernames(admin.findUsers(r, Map.of("search", "*", "first", 0, "max", 100)));
        List<String> page1 = usernames(admin.findUsers(r, Map.of("search", "*", "first", 0, "max", 10)));
        List<String> page3 = usernames(admin.findUsers(r, Map.of("search", "*", "first", 20, "max", 10)));
        assertThat(all).hasSize(29);
        assertThat(page1).containsExactlyElementsOf(all.subList(0, 10));
        assertThat(page3).containsExactlyElementsOf(all.subList(20, 29));
    }

    @Test
    @DisplayName("Given a legacy user, then the admin REST API shows its legacy attributes, profile and groups")
    void adminGetUserWhenLegacyThenAttributesProfileAndGroupsVisible() {
        AdminClient admin = keycloak.admin();
        JsonNode john = admin.findUsers(realm.name(), Map.of("username", "johndoe", "exact", "true")).get(0);
        JsonNode full = admin.user(realm.name(), john.path("id").asText());

        assertThat(full.path("email").asText()).isEqualTo("johndoe@example.com");
        assertThat(full.path("firstName").asText()).isEqualTo("John");
        assertThat(full.path("lastName").asText()).isEqualTo("Doe");
        assertThat(full.path("federationLink").asText()).isEqualTo(componentId);
        assertThat(full.path("attributes").path("legacyId").get(0).asText()).isEqualTo("1");
        assertThat(full.path("attributes").path("legacyUsername").get(0).asText()).isEqualTo("johndoe");
        assertThat(admin.userGroups(realm.name(), john.path("id").asText())).contains("editors", "readers");
    }

    @Test
    @DisplayName("Given repeated wrong passwords, then brute-force detection locks the legacy user like any other")
    void passwordGrantWhenTooManyFailuresThenLockedUntilCleared() {
        for (int i = 0; i < 5; i++) {
            assertThat(realm.login("staff_legacy", "wrong-" + i).status()).isEqualTo(400);
        }
        TokenClient.TokenResponse locked = realm.login("staff_legacy", "secret");
        JsonNode user = keycloak.admin().findUsers(realm.name(), Map.of("username", "staff_legacy", "exact", "true")).get(0);
        JsonNode status = keycloak.admin().bruteForceStatus(realm.name(), user.path("id").asText());

        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.errorDescription()).isEqualTo("Invalid user credentials");
        assertThat(status.path("disabled").asBoolean()).isTrue();
        keycloak.admin().clearBruteForce(realm.name());
        assertThat(realm.login("staff_legacy", "secret").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("Given everything above, then Keycloak's log holds no password, hash or salt of these users")
    void serverLogWhenScenariosRanThenNoSecrets() {
        String log = keycloak.serverLog();
        for (String secret : SecretScan.seededSecrets()) {
            assertThat(log).as("the log must not contain a seeded secret").doesNotContain(secret);
        }
    }

    private static List<String> usernames(List<JsonNode> users) {
        return users.stream().map(u -> u.path("username").asText()).toList();
    }
}
