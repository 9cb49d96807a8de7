package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.stack.DemoRealm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's user cache policies apply to legacy users: with NO_CACHE every read goes to the legacy table, with
 * DEFAULT the profile is served from Keycloak's cache. Passwords are always checked against the current legacy hash.
 */
@DisplayName("Given legacy users and Keycloak's cache policy")
class CachePolicyIT {

    private static KeycloakEnvironment keycloak;
    private static ItRealm realm;
    private static SqliteLegacyDatabase sqlite;
    private static String componentId;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        realm = ItRealm.create(keycloak, "cache", Map.of());
        sqlite = SqliteLegacyDatabase.create(ItSettings.workDir().resolve("legacy/cache-policy.sqlite3"));
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy", DemoRealm.LEGACY_PROVIDER_ID,
                sqlite.componentConfig(keycloak));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }


    private static String emailClaim(String username, String password) {
        TokenClient.TokenResponse token = realm.login(username, password);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        return token.claims().path("email").asText();
    }

    @Test
    @DisplayName("DEFAULT logs in from the cached profile, NO_CACHE shows a legacy change at once, passwords are always "
            + "current")
    void readWhenLegacyRowChangesThenCachePolicyDecides() {
        assertThat(emailClaim("janedoe", "hashsecret")).isEqualTo("janedoe@example.com");
        sqlite.execute("UPDATE auth_user SET email = 'jane.new@example.com' WHERE username = 'janedoe';");
        assertThat(emailClaim("janedoe", "hashsecret")).as("DEFAULT policy: the login uses the cached user")
                .isEqualTo("janedoe@example.com");

        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("cachePolicy", "NO_CACHE"));
        sqlite.execute("UPDATE auth_user SET email = 'jane.newer@example.com' WHERE username = 'janedoe';");
        assertThat(emailClaim("janedoe", "hashsecret")).as("NO_CACHE: read live").isEqualTo("jane.newer@example.com");

        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("cachePolicy", "DEFAULT"));
        assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);
        // The legacy app changes johndoe's password to janedoe's ("hashsecret"); the cached user must not matter.
        sqlite.execute("UPDATE auth_user SET password = (SELECT password FROM auth_user WHERE username = 'janedoe') "
                + "WHERE username = 'johndoe';");
        assertThat(realm.login("johndoe", "hashsecret").status()).isEqualTo(200);
        assertThat(realm.login("johndoe", "secret").status()).isEqualTo(400);
        keycloak.admin().clearBruteForce(realm.name());
    }
}
