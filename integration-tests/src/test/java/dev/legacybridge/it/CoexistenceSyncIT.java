package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, months of coexistence: the legacy Django app keeps running after a bulk migration, and Keycloak's own
 * sync triggers ("Sync changed users" with a changed-at column, "Sync all users") bring its changes to the migrated
 * users: profile fields and roles updated, deactivated or removed rows disabled (never deleted), and everyone else
 * left exactly as they were, Keycloak-side grants and an administrator's disabling included.
 */
@DisplayName("Given migrated users while the legacy app keeps changing its table")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoexistenceSyncIT {

    private static final String CHANGED = "johndoe";
    private static final String DEACTIVATED = "janedoe";
    private static final String REMOVED = "u_bcrypt";
    private static final String UNTOUCHED = "u_django_pbkdf2_sha256";
    /** Changed without its changed-at column moving: only the full sync sees it. */
    private static final String CHANGED_SILENTLY = "u_sha512_crypt";

    private KeycloakEnvironment keycloak;
    private EmbeddedPostgresLegacyDatabase postgres;
    private ItRealm realm;
    private String componentId;

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-coexistence"), false);
        postgres.execute("ALTER TABLE auth_user ADD COLUMN changed_at timestamp with time zone NOT NULL "
                + "DEFAULT '2020-01-01 00:00:00+00';");
        realm = ItRealm.create(keycloak, "coexist", Map.of());
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        config.put("changedAtColumn", "changed_at");
        config.put("syncMigratedUsers", "true");
        config.put("syncAddOnly", "true");
        config.put("syncIgnore", List.of("lastName"));
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy-app",
                DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    void tearDown() {
        realm.close();
        postgres.close();
    }

    private JsonNode sync(String action) {
        return Http.parse(keycloak.admin().call("POST", "/" + realm.name() + "/user-storage/" + componentId
                + "/sync?action=" + action, null).expect(200).body());
    }

    private JsonNode user(String username) {
        return keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true")).get(0);
    }

    private void legacy(String sql) {
        postgres.execute(sql);
    }

    @Test
    @DisplayName("changed and full syncs change, disable and leave alone exactly the users they should")
    void syncWhenLegacyRowsChangeThenMigratedUsersFollowAndOthersStay() {
        JsonNode first = sync("triggerFullSync");
        long rows = postgres.queryLong("SELECT count(*) FROM auth_user");
        assertThat(first.path("added").asLong()).as("bulk migration: all but u_malformed, CaseUser, caseuser")
                .isEqualTo(rows - 3);
        assertThat(first.path("updated").asInt()).as("nothing changed since the migration").isZero();

        // Keycloak-side changes a sync must respect: a role granted here, a user an administrator disabled.
        String untouchedId = user(UNTOUCHED).path("id").asText();
        JsonNode staff = keycloak.admin().get("/" + realm.name() + "/roles/staff");
        keycloak.admin().call("POST", "/" + realm.name() + "/users/" + untouchedId + "/role-mappings/realm",
                List.of(staff)).expect(204);
        String adminDisabledId = user("u_argon2").path("id").asText();
        com.fasterxml.jackson.databind.node.ObjectNode representation = (com.fasterxml.jackson.databind.node.ObjectNode)
                keycloak.admin().user(realm.name(), adminDisabledId);
        representation.put("enabled", false);
        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + adminDisabledId, representation).expect(204);
        assertThat(user(CHANGED).path("lastName").asText()).isEqualTo("Doe");

        // The legacy app at work.
        legacy("UPDATE auth_user SET first_name = 'Johnny', last_name = 'Changed', is_staff = TRUE, changed_at = now() "
                + "WHERE username = '" + CHANGED + "';");
        legacy("UPDATE auth_user SET is_active = FALSE, changed_at = now() WHERE username = '" + DEACTIVATED + "';");
        legacy("DELETE FROM auth_user_groups WHERE user_id = (SELECT id FROM auth_user WHERE username = '" + REMOVED
                + "'); DELETE FROM auth_user WHERE username = '" + REMOVED + "';");
        legacy("UPDATE auth_user SET first_name = 'Sneaky' WHERE username = '" + CHANGED_SILENTLY + "';");
        legacy("UPDATE auth_user SET first_name = 'Touched', changed_at = now() WHERE username = 'u_argon2';");

        JsonNode changed = sync("triggerChangedUsersSync");
        assertThat(changed.path("added").asInt()).isZero();
        assertThat(changed.path("updated").asInt()).as("johndoe, janedoe, u_argon2's name").isEqualTo(3);
        JsonNode john = user(CHANGED);
        assertThat(john.path("firstName").asText()).isEqualTo("Johnny");
        assertThat(john.path("lastName").asText()).as("lastName is in the ignore list").isEqualTo("Doe");
        assertThat(keycloak.admin().userRealmRoles(realm.name(), john.path("id").asText())).contains("staff");
        assertThat(user(DEACTIVATED).path("enabled").asBoolean()).isFalse();
        assertThat(user(REMOVED).path("enabled").asBoolean()).as("a removed row is the full sync's").isTrue();
        assertThat(user(CHANGED_SILENTLY).path("firstName").asText()).isNotEqualTo("Sneaky");
        assertThat(user("u_argon2").path("enabled").asBoolean()).as("the administrator's disabling stands").isFalse();
        assertThat(realm.login(DEACTIVATED, "hashsecret").status()).isEqualTo(400);

        JsonNode full = sync("triggerFullSync");
        assertThat(full.path("added").asInt()).isZero();
        assertThat(full.path("updated").asInt()).as("u_bcrypt disabled, u_sha512_crypt renamed").isEqualTo(2);
        JsonNode removed = user(REMOVED);
        assertThat(removed.path("enabled").asBoolean()).as("disabled, never deleted").isFalse();
        assertThat(user(CHANGED_SILENTLY).path("firstName").asText()).isEqualTo("Sneaky");
        assertThat(keycloak.admin().userRealmRoles(realm.name(), untouchedId)).as("granted in Keycloak, add-only")
                .contains("staff");
        assertThat(realm.login(REMOVED, "secret").status()).isEqualTo(400);

        // Reactivated in the legacy app: enabled again, because the sync disabled it. Add-only off: roles follow.
        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("syncAddOnly", "false"));
        legacy("UPDATE auth_user SET is_active = TRUE, changed_at = now() WHERE username = '" + DEACTIVATED + "';");
        legacy("UPDATE auth_user SET is_staff = FALSE, changed_at = now() WHERE username = '" + CHANGED + "';");
        JsonNode again = sync("triggerChangedUsersSync");
        assertThat(again.path("updated").asInt()).isEqualTo(2);
        assertThat(user(DEACTIVATED).path("enabled").asBoolean()).isTrue();
        assertThat(realm.login(DEACTIVATED, "hashsecret").status()).isEqualTo(200);
        assertThat(keycloak.admin().userRealmRoles(realm.name(), user(CHANGED).path("id").asText()))
                .doesNotContain("staff");
        // With add-only off the row decides the mapped roles: the full sync takes back the mapped role "staff" that was
        // granted in Keycloak to a user whose row has is_staff false.
        assertThat(sync("triggerFullSync").path("updated").asInt()).isEqualTo(1);
        assertThat(keycloak.admin().userRealmRoles(realm.name(), untouchedId)).doesNotContain("staff");
        assertThat(sync("triggerFullSync").path("updated").asInt()).as("in step: nothing left to do").isZero();
    }

    @Test
    @DisplayName("in WRITABLE with 'Sync registrations', a user created in Keycloak gets a legacy row the legacy app can use")
    void addUserWhenSyncRegistrationsThenLegacyRowWithTheKeycloakPasswordAndProfile() {
        try (ItRealm writable = ItRealm.create(keycloak, "registrations", Map.of())) {
            Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
            config.put("editMode", "WRITABLE");
            config.put("passwordFormat", "django_pbkdf2_sha256:20000");
            config.put("syncRegistrations", "true");
            String id = keycloak.admin().createUserStorageComponent(writable.name(), "legacy-writable",
                    DemoRealm.LEGACY_PROVIDER_ID, config);

            String userId = keycloak.admin().createUser(writable.name(), "newcomer", "Newcomer-pw-1",
                    "newcomer@example.org", "New", "Comer");

            assertThat(postgres.queryLong("SELECT count(*) FROM auth_user WHERE username = 'newcomer' AND email = "
                    + "'newcomer@example.org' AND first_name = 'New' AND last_name = 'Comer' AND is_active "
                    + "AND password LIKE 'pbkdf2_sha256$20000$%'")).isEqualTo(1);
            JsonNode user = keycloak.admin().user(writable.name(), userId);
            assertThat(user.path("federationLink").asText()).isEqualTo(id);
            assertThat(writable.login("newcomer", "Newcomer-pw-1").status()).isEqualTo(200);

            keycloak.admin().updateComponentConfig(writable.name(), id, Map.of("syncRegistrations", "false"));
            keycloak.admin().createUser(writable.name(), "keycloak-only", "Other-pw-2", "ko@example.org", "K", "O");
            assertThat(postgres.queryLong("SELECT count(*) FROM auth_user WHERE username = 'keycloak-only'"))
                    .as("without the option, new users stay Keycloak's own").isZero();
        }
    }
}
