package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Saving the component through the admin REST API, as the console does: every bad field is refused with a 400 whose
 * message names the field and the problem, and nothing is stored.
 */
@DisplayName("Given an admin saving a legacy-database component")
class ProviderConfigIT {

    private static KeycloakEnvironment keycloak;
    private static ItRealm realm;
    private static SqliteLegacyDatabase sqlite;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        realm = ItRealm.create(keycloak, "config", Map.of());
        sqlite = SqliteLegacyDatabase.create(ItSettings.workDir().resolve("legacy/provider-config.sqlite3"));
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    private static Http.Response save(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(sqlite.componentConfig(keycloak));
        config.putAll(overrides);
        ObjectNode rep = Http.JSON.createObjectNode();
        rep.put("name", "legacy");
        rep.put("providerId", DemoRealm.LEGACY_PROVIDER_ID);
        rep.put("providerType", AdminClient.USER_STORAGE);
        rep.set("config", AdminClient.configNode(config));
        return keycloak.admin().call("POST", "/" + realm.name() + "/components", rep);
    }

    private static String errorMessage(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return Http.parse(response.body()).path("errorMessage").asText();
    }

    @Test
    @DisplayName("an injected table name is refused on save, naming the field")
    void saveWhenTableNameInjectedThenRefused() {
        String message = errorMessage(save(Map.of("usersTable", "auth_user; DROP TABLE auth_user; --")));

        assertThat(message).startsWith("Users table must be a plain SQL identifier")
                .contains("'auth_user; DROP TABLE auth_user; --'");
        assertThat(sqlite.queryLong("SELECT count(*) FROM auth_user")).isEqualTo(29);
        assertThat(keycloak.admin().components(realm.name(), AdminClient.USER_STORAGE)).isEmpty();
    }

    @Test
    @DisplayName("injected column names and role mappings are refused too")
    void saveWhenColumnInjectedThenRefused() {
        assertThat(errorMessage(save(Map.of("passwordColumn", "password FROM auth_user --"))))
                .startsWith("Password hash column must be a plain SQL identifier");
        assertThat(errorMessage(save(Map.of("roleMappings", "is_superuser OR 1=1:admin"))))
                .startsWith("Role flag mappings must look like column:role");
    }

    @Test
    @DisplayName("a table or column that does not exist is named in the message")
    void saveWhenTableOrColumnMissingThenNamed() {
        assertThat(errorMessage(save(Map.of("usersTable", "auth_users"))))
                .isEqualTo("Users table 'auth_users' was not found or is not readable");
        assertThat(errorMessage(save(Map.of("emailColumn", "emial"))))
                .isEqualTo("Column 'emial' was not found in table 'auth_user'");
    }

    @Test
    @DisplayName("an unsupported database, or a database that cannot be reached, is explained")
    void saveWhenDatabaseUnreachableThenExplained() {
        assertThat(errorMessage(save(Map.of("jdbcUrl", "jdbc:oracle:thin:@db:1521/app"))))
                .startsWith("JDBC URL 'jdbc:oracle:...' is not supported");
        int nobodyListening = dev.legacybridge.stack.FreePorts.next();
        assertThat(errorMessage(save(Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + nobodyListening + "/legacy",
                "connectTimeoutSeconds", "2")))).isEqualTo("Cannot connect to the legacy database (PostgreSQL at "
                + "127.0.0.1:" + nobodyListening + "/legacy): no answer, connection refused, or not a PostgreSQL "
                + "server; the Keycloak server log has the driver's message");
    }

    @Test
    @DisplayName("several problems are reported together, and a vault reference without a secret is explained")
    void saveWhenSeveralProblemsThenAllListed() {
        String message = errorMessage(save(Map.of("schemaPreset", "generic", "poolMaxSize", "0",
                "editMode", "SOMETIMES")));

        assertThat(message).contains("Users table is required with the generic preset")
                .contains("Connection pool size must be between 1 and 500")
                .contains("Mode must be one of READ_ONLY, WRITABLE, MIGRATE");
        assertThat(errorMessage(save(Map.of("jdbcPassword", "${vault.no_such_key}"))))
                .contains("the vault has no secret for ${vault.no_such_key}");
    }

    @Test
    @DisplayName("an update with a bad value is refused and the stored component keeps working")
    void updateWhenBadValueThenRefusedAndOldConfigKept() {
        String id = keycloak.admin().createUserStorageComponent(realm.name(), "legacy", DemoRealm.LEGACY_PROVIDER_ID,
                sqlite.componentConfig(keycloak));
        try {
            ObjectNode rep = (ObjectNode) keycloak.admin().component(realm.name(), id);
            ((ObjectNode) rep.get("config")).putArray("usersTable").add("x'; --");
            Http.Response response = keycloak.admin().call("PUT", "/" + realm.name() + "/components/" + id, rep);

            assertThat(errorMessage(response)).startsWith("Users table must be a plain SQL identifier");
            assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);
        } finally {
            keycloak.admin().deleteComponent(realm.name(), id);
        }
    }
}
