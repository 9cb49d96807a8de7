package dev.legacybridge.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code realm-config/demo-realm.json} agrees with what the launcher and the harness assume about it:
 * its name and file name, the fixed legacy component, the placeholders they fill from the environment, and the client
 * and scope the stack's banner tells users to call.
 */
class DemoRealmTest {

    private final JsonNode realm = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DemoRealm.json());
        } catch (java.io.IOException e) {
            throw new AssertionError("realm-config/demo-realm.json is not JSON", e);
        }
    }

    @Test
    void jsonWhenReadThenItIsTheDemoRealmUnderTheFileNameKeycloakRequires() {
        assertThat(realm.path("realm").asText()).isEqualTo(DemoRealm.REALM);
        assertThat(DemoRealm.FILE_NAME).isEqualTo(DemoRealm.REALM + "-realm.json");
    }

    @Test
    void jsonWhenReadThenTheLegacyComponentHasTheFixedUuidNameAndProvider() {
        JsonNode component = legacyComponent();

        assertThat(UUID.fromString(DemoRealm.LEGACY_COMPONENT_ID).toString()).isEqualTo(DemoRealm.LEGACY_COMPONENT_ID);
        assertThat(component.path("name").asText()).isEqualTo(DemoRealm.LEGACY_COMPONENT_NAME);
        assertThat(component.path("providerId").asText()).isEqualTo(DemoRealm.LEGACY_PROVIDER_ID);
    }

    @Test
    void jsonWhenReadThenTheConnectionSettingsAreEnvironmentPlaceholders() {
        JsonNode config = legacyComponent().path("config");

        assertThat(config.path("jdbcUrl").get(0).asText()).startsWith("${" + DemoRealm.ENV_LEGACY_DB_URL + ":jdbc:sqlite:");
        assertThat(config.path("jdbcUser").get(0).asText()).isEqualTo("${" + DemoRealm.ENV_LEGACY_DB_USER + ":}");
        assertThat(config.path("jdbcPassword").get(0).asText()).isEqualTo("${" + DemoRealm.ENV_LEGACY_DB_PASSWORD + ":}");
    }

    @Test
    void jsonWhenReadThenTheBannersClientCanUseThePasswordGrantWithTheReadScope() {
        JsonNode client = null;
        for (JsonNode c : realm.path("clients")) {
            if ("demo-cli".equals(c.path("clientId").asText())) {
                client = c;
            }
        }

        assertThat(client).as("client demo-cli").isNotNull();
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(texts(client.path("optionalClientScopes"))).contains("read:posts");
    }

    private JsonNode legacyComponent() {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode c : realm.path("components").path("org.keycloak.storage.UserStorageProvider")) {
            if (DemoRealm.LEGACY_COMPONENT_ID.equals(c.path("id").asText())) {
                matching.add(c);
            }
        }
        assertThat(matching).as("the legacy user storage component").hasSize(1);
        return matching.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
