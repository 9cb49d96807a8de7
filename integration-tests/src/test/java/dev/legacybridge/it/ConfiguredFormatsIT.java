package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.stack.DemoRealm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Formats whose parameters are not in the stored value, configured in the component as the admin console saves them:
 * a Firebase Auth export (the project's scrypt parameters in "Password format settings", its signer key from the
 * vault, each user's salt in a salt column) and a home-grown table with {@code password_hash = hex(sha256(salt +
 * password))} and a {@code password_salt} column (a recipe; weak, so allowed explicitly). Both components run in
 * MIGRATE mode: bulk migration leaves the rows that need these settings (and a locked-out row) to their first login,
 * which migrates them. Settings that cannot work are refused when the component is saved, with a message the admin can
 * act on.
 */
@DisplayName("Given Firebase and home-grown recipe tables with their format settings")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfiguredFormatsIT {

    /** The Firebase project of the shared vector file (cases firebase-scrypt-*; Firebase's own scrypt utility). */
    private static final HashVectors.Case FIREBASE = HashVectors.byId(HashVectors.MORE, "firebase-scrypt-plain");
    private static final HashVectors.Case FIREBASE_MALFORMED = HashVectors.byId(HashVectors.MORE,
            "firebase-scrypt-malformed-bad-base64");
    /** An ordinary bcrypt row beside the recipe rows: it needs no settings, so bulk migration copies it. */
    private static final HashVectors.Case BCRYPT = HashVectors.byId(HashVectors.MORE, "php-bcrypt-cost6-accent");

    private KeycloakEnvironment keycloak;
    private SqliteLegacyDatabase sqlite;
    private ItRealm realm;
    private Path signerKey;
    private String firebase;
    private String recipe;

    @BeforeAll
    void setUp() throws IOException {
        keycloak = SharedKeycloak.get();
        sqlite = SqliteLegacyDatabase.createEmpty(ItSettings.workDir().resolve("legacy/configured-formats.sqlite3"));
        // Firebase: `firebase auth:export` gives localId, email, passwordHash and salt per user; a team loads them.
        sqlite.executeEach("CREATE TABLE firebase_users (local_id varchar(128) PRIMARY KEY, email varchar(255), "
                + "password_hash varchar(255), salt varchar(64), disabled boolean NOT NULL DEFAULT 0)");
        String firebaseRow = "INSERT INTO firebase_users (local_id, email, password_hash, salt) VALUES (?, ?, ?, ?)";
        sqlite.update(firebaseRow, "Jx2bTz8kQdVb0Zk1", "ada@firebase.example", FIREBASE.hash(),
                FIREBASE.params().get("base64_salt"));
        sqlite.update(firebaseRow, "Jx2bTz8kQdVb0Zk2", "bad@firebase.example", FIREBASE_MALFORMED.hash(),
                FIREBASE_MALFORMED.params().get("base64_salt"));
        // A home-grown PHP/Java app: sha256 of salt + password in hex, the salt in its own column; a lockout column.
        sqlite.executeEach("CREATE TABLE app_users (id integer PRIMARY KEY, login varchar(64) NOT NULL, "
                + "email varchar(255), password_hash char(64), password_salt varchar(32), locked_until datetime)");
        String appRow = "INSERT INTO app_users (id, login, email, password_hash, password_salt, locked_until) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        sqlite.update(appRow, 1, "carol", "carol@app.example", sha256Hex("9f3b1c77" + "Carol-s3cret"), "9f3b1c77",
                null);
        sqlite.update(appRow, 2, "dave", "dave@app.example", sha256Hex("a0c4e2d1" + "Dave-s3cret"), "a0c4e2d1",
                Instant.now().plus(Duration.ofHours(2)).toString().replace('T', ' ').replace("Z", ""));
        sqlite.update(appRow, 3, "erin", "erin@app.example", BCRYPT.hash(), null, null);
        sqlite.update(appRow, 4, "frank", "frank@app.example", sha256Hex("77e1f00d" + "Frank-s3cret"), "77e1f00d",
                null);

        realm = ItRealm.create(keycloak, "formats", Map.of("bruteForceProtected", false)).withOptionalNamesAndEmail();
        signerKey = DistributionKeycloak.vaultDir().resolve(realm.name() + "_firebasekey");
        Files.writeString(signerKey, FIREBASE.params().get("base64_signer_key"), StandardCharsets.UTF_8);
        firebase = keycloak.admin().createUserStorageComponent(realm.name(), "firebase-export",
                DemoRealm.LEGACY_PROVIDER_ID, firebaseConfig());
        recipe = keycloak.admin().createUserStorageComponent(realm.name(), "app-users", DemoRealm.LEGACY_PROVIDER_ID,
                recipeConfig());
    }

    @AfterAll
    void tearDown() throws IOException {
        if (realm != null) {
            realm.close();
        }
        if (signerKey != null) {
            Files.deleteIfExists(signerKey);
        }
    }

    private Map<String, Object> firebaseConfig() {
        Map<String, Object> config = new LinkedHashMap<>(sqlite.componentConfig(keycloak));
        config.put("schemaPreset", "generic");
        config.put("usersTable", "firebase_users");
        config.put("idColumn", "local_id");
        config.put("usernameColumn", "email");
        config.put("emailColumn", "email");
        config.put("passwordColumn", "password_hash");
        config.put("saltColumn", "salt");
        config.put("allowedSchemes", "firebase_scrypt");
        config.put("formatSettings", List.of("base64_signer_key=${vault.firebasekey}",
                "base64_salt_separator=" + FIREBASE.params().get("base64_salt_separator"),
                "rounds=" + FIREBASE.params().get("rounds"), "mem_cost=" + FIREBASE.params().get("mem_cost")));
        config.put("editMode", "MIGRATE");
        config.put("priority", "1");
        return config;
    }

    private Map<String, Object> recipeConfig() {
        Map<String, Object> config = new LinkedHashMap<>(sqlite.componentConfig(keycloak));
        config.put("schemaPreset", "generic");
        config.put("usersTable", "app_users");
        config.put("idColumn", "id");
        config.put("usernameColumn", "login");
        config.put("emailColumn", "email");
        config.put("passwordColumn", "password_hash");
        config.put("saltColumn", "password_salt");
        config.put("lockedUntilColumn", "locked_until");
        config.put("allowedSchemes", List.of("recipe_digest", "bcrypt"));
        config.put("formatSettings", List.of("recipe=sha256", "salt_source=column"));
        config.put("editMode", "MIGRATE");
        config.put("priority", "0");
        return config;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ save-time checks

    /** POSTs a component as the admin console does; returns the HTTP response. */
    private Http.Response save(String name, Map<String, Object> config) {
        ObjectNode rep = Http.JSON.createObjectNode();
        rep.put("name", name);
        rep.put("providerId", DemoRealm.LEGACY_PROVIDER_ID);
        rep.put("providerType", AdminClient.USER_STORAGE);
        rep.set("config", AdminClient.configNode(config));
        return keycloak.admin().call("POST", "/" + realm.name() + "/components", rep);
    }

    private String refusal(String name, Map<String, Object> config) {
        Http.Response response = save(name, config);
        assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(400);
        return Http.parse(response.body()).path("errorMessage").asText();
    }

    @Test
    @DisplayName("settings that cannot work are refused on save, naming the field and what to do, never the secret")
    void saveWhenFormatSettingsUnusableThenRefusedWithAdminMessage() {
        Map<String, Object> literal = firebaseConfig();
        literal.put("formatSettings", List.of("base64_signer_key=" + FIREBASE.params().get("base64_signer_key"),
                "base64_salt_separator=Bw==", "rounds=8", "mem_cost=14"));
        assertThat(refusal("literal-secret", literal))
                .isEqualTo("Password format settings: base64_signer_key is a secret; put it in Keycloak's vault and "
                        + "write ${vault.<key>} here")
                .doesNotContain(FIREBASE.params().get("base64_signer_key").substring(0, 12));

        Map<String, Object> noSalt = firebaseConfig();
        noSalt.remove("saltColumn");
        assertThat(refusal("no-salt-column", noSalt))
                .isEqualTo("Password format settings: firebase_scrypt reads each user's salt; set the Salt column");

        Map<String, Object> badRecipe = recipeConfig();
        badRecipe.put("formatSettings", List.of("recipe=sha257", "salt_source=column"));
        assertThat(refusal("bad-recipe", badRecipe))
                .startsWith("Password format settings: recipe: recipe must be one of md5, sha1, sha224, sha256,");

        Map<String, Object> missingKey = firebaseConfig();
        missingKey.put("formatSettings", List.of("base64_signer_key=${vault.nosuchkey}",
                "base64_salt_separator=Bw==", "rounds=8", "mem_cost=14"));
        assertThat(refusal("missing-vault-key", missingKey))
                .isEqualTo("Password format settings: the vault has no secret for ${vault.nosuchkey}");

        Map<String, Object> perUserSalt = firebaseConfig();
        perUserSalt.put("formatSettings", List.of("base64_signer_key=${vault.firebasekey}",
                "base64_salt_separator=Bw==", "rounds=8", "mem_cost=14",
                "base64_salt=" + FIREBASE.params().get("base64_salt")));
        assertThat(refusal("salt-in-settings", perUserSalt))
                .isEqualTo("Password format settings: base64_salt differs per user; map the Salt column instead");

        Map<String, Object> wrongColumn = recipeConfig();
        wrongColumn.put("saltColumn", "salt");
        assertThat(refusal("wrong-salt-column", wrongColumn))
                .isEqualTo("Column 'salt' was not found in table 'app_users'");

        assertThat(keycloak.admin().components(realm.name(), AdminClient.USER_STORAGE))
                .as("nothing refused was saved").extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("firebase-export", "app-users");
    }

    // ------------------------------------------------------------------ bulk migration and first logins

    private JsonNode batch(String componentId) {
        return Http.parse(keycloak.admin().call("POST", "/" + realm.name() + "/legacy-migration/" + componentId
                + "/batch?size=100", null, Duration.ofMinutes(2)).expect(200).body());
    }

    private JsonNode userNamed(String username) {
        List<JsonNode> found = keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true"));
        assertThat(found).as("users named " + username).hasSize(1);
        return keycloak.admin().user(realm.name(), found.get(0).path("id").asText());
    }

    private String credentialData(String username) {
        JsonNode credentials = keycloak.admin().get("/" + realm.name() + "/users/" + userNamed(username).path("id")
                .asText() + "/credentials");
        assertThat(credentials).as(username + " credentials").hasSize(1);
        return credentials.get(0).path("credentialData").asText();
    }

    @Test
    @DisplayName("bulk migration defers the rows whose hash needs the format settings (and a locked-out row); they "
            + "migrate at their first login")
    void bulkMigrationWhenHashesNeedFormatSettingsThenDeferredUntilFirstLogin() {
        JsonNode app = batch(recipe);
        assertThat(app.path("processed").asInt()).isEqualTo(4);
        assertThat(app.path("imported").asInt()).as("erin's bcrypt needs no settings").isEqualTo(1);
        assertThat(app.path("deferred").asInt()).as("carol and frank (recipe), dave (locked out)").isEqualTo(3);
        assertThat(app.path("failed").asInt()).isZero();
        JsonNode fb = batch(firebase);
        assertThat(fb.path("processed").asInt()).isEqualTo(2);
        assertThat(fb.path("imported").asInt()).isZero();
        assertThat(fb.path("deferred").asInt()).as("ada (Firebase scrypt)").isEqualTo(1);
        assertThat(fb.path("failed").asInt()).as("the malformed Firebase hash").isEqualTo(1);

        // Bulk-migrated: Keycloak's own user with the legacy hash as a credential.
        assertThat(userNamed("erin").has("federationLink")).isFalse();
        assertThat(credentialData("erin")).contains("\"algorithm\":\"legacy-hash\"");
        assertThat(realm.login("erin", BCRYPT.password()).status()).isEqualTo(200);

        // Deferred: met for the first time at login, verified with the component's settings, migrated.
        for (String[] user : new String[][] {{"carol", "Carol-s3cret"}, {"ada@firebase.example", FIREBASE.password()}}) {
            assertThat(realm.login(user[0], user[1] + "!").status()).as(user[0] + " wrong password").isEqualTo(400);
            TokenClient.TokenResponse first = realm.login(user[0], user[1]);
            assertThat(first.status()).as(user[0] + ": " + first).isEqualTo(200);
            assertThat(userNamed(user[0]).has("federationLink")).as(user[0] + " migrated").isFalse();
            assertThat(credentialData(user[0])).as("a native Keycloak hash").contains("\"algorithm\":\"argon2\"");
            assertThat(realm.login(user[0], user[1]).status()).as(user[0] + " as Keycloak's own").isEqualTo(200);
        }

        // Locked out: refused with the right password, and migrated at the first login after the lockout.
        assertThat(realm.login("dave", "Dave-s3cret").status()).as("dave while locked").isEqualTo(400);
        sqlite.update("UPDATE app_users SET locked_until = NULL WHERE login = ?", "dave");
        assertThat(realm.login("dave", "Dave-s3cret").status()).as("dave after the lockout").isEqualTo(200);
        assertThat(userNamed("dave").has("federationLink")).isFalse();

        // A second run: frank is still left to his first login; everybody else is in Keycloak.
        JsonNode again = batch(recipe);
        assertThat(again.path("imported").asInt()).isZero();
        assertThat(again.path("deferred").asInt()).as("frank").isEqualTo(1);
        assertThat(again.path("skipped").asInt()).as("erin, carol, dave").isEqualTo(3);
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the logins whose traces it looks for
    @DisplayName("the server log holds neither the signer key nor any salt, hash or password of these rows")
    void serverLogWhenFormatsUsedThenNoSecrets() {
        String log = keycloak.serverLog();
        for (String secret : List.of(FIREBASE.params().get("base64_signer_key"), FIREBASE.params().get("base64_salt"),
                FIREBASE.hash(), "9f3b1c77", "Carol-s3cret", sha256Hex("9f3b1c77" + "Carol-s3cret"), BCRYPT.hash())) {
            assertThat(log).as("the log must not contain a secret of these rows").doesNotContain(secret);
        }
    }
}
