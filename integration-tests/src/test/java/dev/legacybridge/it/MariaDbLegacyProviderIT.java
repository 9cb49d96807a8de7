package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MariaDB also has real password authentication, so the vault and credential checks run here. */
@DisplayName("Given the provider over a Django MariaDB database")
class MariaDbLegacyProviderIT extends LegacyProviderScenarios {

    @Override
    protected LegacyDatabase openDatabase() {
        return MariaDb4jLegacyDatabase.createSeeded(ItSettings.workDir().resolve("mariadb-provider-scenarios"), true);
    }

    @Test
    @DisplayName("Given the database password as a ${vault.key} reference, then it is resolved; a wrong password is refused on save")
    void saveWhenPasswordFromVaultThenResolvedAndWrongPasswordRefused() throws IOException {
        ItRealm vaultRealm = ItRealm.create(keycloak, "vault", Map.of());
        // File vault naming: <realm>_<key> (neither contains '_', which would have to be doubled).
        Path secret = DistributionKeycloak.vaultDir().resolve(vaultRealm.name() + "_legacydb");
        try {
            Files.writeString(secret, database.password(), StandardCharsets.UTF_8);
            Map<String, Object> config = new HashMap<>(database.componentConfig(keycloak));
            config.put("jdbcPassword", "${vault.legacydb}");
            keycloak.admin().createUserStorageComponent(vaultRealm.name(), "legacy", DemoRealm.LEGACY_PROVIDER_ID,
                    config);

            assertThat(vaultRealm.login("johndoe", "secret").status()).isEqualTo(200);

            config.put("jdbcPassword", "not-the-password");
            ObjectNode rep = Http.JSON.createObjectNode();
            rep.put("name", "legacy-wrong");
            rep.put("providerId", DemoRealm.LEGACY_PROVIDER_ID);
            rep.put("providerType", AdminClient.USER_STORAGE);
            rep.set("config", AdminClient.configNode(config));
            Http.Response wrong = keycloak.admin().call("POST", "/" + vaultRealm.name() + "/components", rep);
            assertThat(wrong.status()).isEqualTo(400);
            // host and port as Keycloak sees them (127.0.0.1, or host.testcontainers.internal on the container backend)
            String seen = keycloak.jdbcUrlSeenByKeycloak(database.jdbcUrl()).replaceFirst("^jdbc:mariadb://", "")
                    .replaceFirst(":.*$", "");
            assertThat(Http.parse(wrong.body()).path("errorMessage").asText())
                    .startsWith("The legacy database (MariaDB at " + seen + ":").contains("refused the database user name or "
                            + "password").doesNotContain("not-the-password");

            // The secret disappears from the vault: johndoe (a Keycloak user linked to the component since his first
            // login) gets "temporarily unavailable", never a wrong-password answer; the realm stays manageable.
            Files.delete(secret);
            TokenClient.TokenResponse noSecret = vaultRealm.login("johndoe", "secret");
            assertThat(noSecret.status()).as(noSecret.toString()).isEqualTo(503);
            assertThat(noSecret.error()).isEqualTo("temporarily_unavailable");
            assertThat(keycloak.admin().findUsers(vaultRealm.name(), Map.of("username", "johndoe", "exact", "true")))
                    .as("the realm stays manageable").hasSize(1);
        } finally {
            vaultRealm.close();
            Files.deleteIfExists(secret);
        }
    }

}
