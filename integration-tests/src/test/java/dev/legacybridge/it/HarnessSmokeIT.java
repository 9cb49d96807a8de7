package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Proves the harness, independently of what the legacy provider does: the shared Keycloak runs with demo-realm.json
 * imported, and a native (non-legacy) user gets the tokens the demo API expects.
 */
@DisplayName("Given the shared Keycloak with demo-realm.json imported")
class HarnessSmokeIT {

    private static final String PASSWORD = "Native-pass-1";

    private static KeycloakEnvironment keycloak;
    private static final List<String> createdUsers = new ArrayList<>();

    @BeforeAll
    static void startKeycloak() {
        keycloak = SharedKeycloak.get();
    }

    @AfterAll
    static void deleteUsers() {
        createdUsers.forEach(id -> keycloak.admin().deleteUser(keycloak.realm(), id));
    }

    private static String createNativeUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = keycloak.admin().createUser(keycloak.realm(), username, PASSWORD, username + "@example.org", "Native", "User");
        createdUsers.add(id);
        return username;
    }

    @Test
    @DisplayName("the realm has its clients, scopes, roles, policies and the legacy component with the env placeholder resolved")
    void importWhenServerStartsThenDemoRealmIsComplete() {
        AdminClient admin = keycloak.admin();
        JsonNode realm = admin.realm(keycloak.realm());
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("passwordPolicy").asText()).contains("length(8)").contains("notUsername");
        assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(300);
        assertThat(admin.realmRoleNames(keycloak.realm())).contains("admin", "staff");

        List<String> defaultScopes = new ArrayList<>();
        admin.get("/" + keycloak.realm() + "/default-default-client-scopes").forEach(s -> defaultScopes.add(s.get("name").asText()));
        assertThat(defaultScopes).as("built-in scopes survived the import").contains("basic", "profile", "email", "roles", "demo-api-audience");

        JsonNode component = admin.legacyComponent(keycloak.realm());
        assertThat(component.path("providerId").asText()).isEqualTo(DemoRealm.LEGACY_PROVIDER_ID);
        assertThat(component.path("name").asText()).isEqualTo(DemoRealm.LEGACY_COMPONENT_NAME);
        assertThat(component.path("config").path("editMode").get(0).asText()).isEqualTo("READ_ONLY");
        String expectedUrl = keycloak.jdbcUrlSeenByKeycloak(keycloak.legacySqlite().jdbcUrl());
        assertThat(component.path("config").path("jdbcUrl").get(0).asText())
                .as("${LEGACY_DB_URL:...} replaced from the server's environment").isEqualTo(expectedUrl);
        assertThat(keycloak.legacySqlite().queryLong("SELECT count(*) FROM auth_user")).isEqualTo(29);
    }

    @Test
    @DisplayName("a native user gets an access token from demo-cli with sub, preferred_username, aud demo-api, scope read:posts and realm roles")
    void passwordGrantWhenNativeUserAndReadPostsScopeThenTokenHasDemoApiClaims() {
        String username = createNativeUser("it-native");

        TokenClient.TokenResponse response = keycloak.tokens()
                .passwordGrant(keycloak.realm(), "demo-cli", username, PASSWORD, "read:posts");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode claims = response.claims();
        assertThat(claims.path("sub").asText()).isNotBlank();
        assertThat(claims.path("preferred_username").asText()).isEqualTo(username);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("typ").asText()).isEqualTo("Bearer");
        assertThat(claims.path("azp").asText()).isEqualTo("demo-cli");
        assertThat(response.audiences()).contains("demo-api");
        assertThat(response.scopes()).contains("read:posts").doesNotContain("write:posts");
        assertThat(response.realmRoles()).contains("default-roles-" + keycloak.realm());
        assertThat(Jwt.header(response.accessToken()).path("alg").asText()).isEqualTo("RS256");
    }

    @Test
    @DisplayName("a wrong password is HTTP 400 invalid_grant")
    void passwordGrantWhenWrongPasswordThenInvalidGrant() {
        String username = createNativeUser("it-wrongpw");

        TokenClient.TokenResponse response = keycloak.tokens()
                .passwordGrant(keycloak.realm(), "demo-cli", username, "not-the-password", "read:posts");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error()).isEqualTo("invalid_grant");
        assertThat(response.body().has("access_token")).isFalse();
    }
}
