package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bulk migration of users who never log in: 10,000 generated legacy rows plus the seeded ones, copied into Keycloak
 * with their legacy hashes as {@code legacy-hash} credentials, interrupted and resumed, run twice, and the first login
 * of a bulk-migrated user replacing the legacy hash with the realm's own algorithm.
 */
@DisplayName("Given a legacy PostgreSQL table of 10,000+ users and a MIGRATE component")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkMigrationIT {

    private static final int GENERATED = 10_000;
    /** bcrypt cost 4 of "secret" (seed user u_bcrypt), so generated users are cheap to log in. */
    private static final String SECRET_HASH_FROM = "u_bcrypt";
    /** Seeded rows bulk migration must refuse: u_malformed, and CaseUser/caseuser. */
    private static final int NOT_MIGRATABLE = 3;
    /**
     * A 1,000-user batch is one request doing minutes of work at worst: through Testcontainers' SSH tunnel to the legacy
     * database, under the load of the whole suite, one took longer than the usual 30 s request timeout.
     */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(3);

    private KeycloakEnvironment keycloak;
    private EmbeddedPostgresLegacyDatabase postgres;
    private ItRealm realm;
    private String componentId;
    private long legacyRows;

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-bulk"), true);
        postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) SELECT (SELECT password FROM auth_user WHERE username = '"
                + SECRET_HASH_FROM + "'), FALSE, 'bulk' || lpad(g::text, 5, '0'), 'Bulk', 'User ' || g, "
                + "'bulk' || g || '@example.org', FALSE, TRUE, now() FROM generate_series(1, " + GENERATED + ") g;");
        postgres.execute("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT FALSE;");
        legacyRows = postgres.queryLong("SELECT count(*) FROM auth_user");
        realm = ItRealm.create(keycloak, "bulk", Map.of());
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "MIGRATE");
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        config.put("migratedColumn", "migrated");
        componentId = keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg",
                DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    void tearDown() {
        realm.close();
        postgres.close();
    }

    private JsonNode batch(String after, int size) {
        String query = "?size=" + size + (after == null ? "" : "&after=" + after);
        return Http.parse(keycloak.admin().call("POST", "/" + realm.name() + "/legacy-migration/" + componentId
                + "/batch" + query, null, BATCH_TIMEOUT).expect(200).body());
    }

    /** Users in Keycloak's own store: counted with the component disabled, so that only local storage answers. */
    private long localUsers() {
        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "false"));
        try {
            return keycloak.admin().countUsers(realm.name(), Map.of());
        } finally {
            keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "true"));
        }
    }

    private long flaggedMigrated() {
        return postgres.queryLong("SELECT count(*) FROM auth_user WHERE migrated");
    }

    @Test
    @DisplayName("interrupted after 3 batches and resumed from the cursor, every row is handled once; a second run changes nothing")
    void bulkMigrateWhenInterruptedAndResumedThenEveryUserOnceAndIdempotent() {
        JsonNode status = Http.parse(keycloak.admin().call("GET", "/" + realm.name() + "/legacy-migration/"
                + componentId, null).expect(200).body());
        assertThat(status.path("legacyRows").asLong()).isEqualTo(legacyRows);
        assertThat(status.path("mode").asText()).isEqualTo("MIGRATE");

        long localBefore = localUsers();
        long imported = 0;
        long skipped = 0;
        long failed = 0;
        String cursor = null;
        for (int i = 0; i < 3; i++) { // ... then the client is "killed"
            JsonNode result = batch(cursor, 1000);
            imported += result.path("imported").asLong();
            skipped += result.path("skipped").asLong();
            failed += result.path("failed").asLong();
            cursor = result.path("nextCursor").asText();
        }
        assertThat(localUsers()).isEqualTo(localBefore + imported);

        boolean done = false;
        while (!done) { // resumed from the last cursor it printed
            JsonNode result = batch(cursor, 1000);
            imported += result.path("imported").asLong();
            skipped += result.path("skipped").asLong();
            failed += result.path("failed").asLong();
            cursor = result.path("nextCursor").asText();
            done = result.path("done").asBoolean();
        }

        // Not imported, reported: u_malformed (truncated hash) and the pair CaseUser/caseuser (one Keycloak username
        // for two people). Every other row, u_unusable included, is imported.
        assertThat(failed).isEqualTo(NOT_MIGRATABLE);
        assertThat(imported + skipped).as("each row handled once").isEqualTo(legacyRows - NOT_MIGRATABLE);
        assertThat(localUsers()).isEqualTo(legacyRows - NOT_MIGRATABLE);
        assertThat(flaggedMigrated()).as("imported rows are flagged in the legacy table")
                .isEqualTo(legacyRows - NOT_MIGRATABLE);
        assertThat(keycloak.admin().countUsers(realm.name(), Map.of()))
                .as("Keycloak's count: migrated users once, plus the rows left behind").isEqualTo(legacyRows);

        long again = 0;
        String second = null;
        boolean secondDone = false;
        while (!secondDone) {
            JsonNode result = batch(second, 5000);
            again += result.path("imported").asLong();
            second = result.path("nextCursor").asText();
            secondDone = result.path("done").asBoolean();
        }
        assertThat(again).as("a second run imports nothing").isZero();
        assertThat(localUsers()).isEqualTo(legacyRows - NOT_MIGRATABLE);
    }

    @Test
    @DisplayName("a bulk-migrated user logs in with the legacy password, and Keycloak then rehashes it to argon2")
    void loginWhenBulkMigratedThenLegacyHashReplacedByRealmAlgorithm() {
        // Independent of the other tests: migrate the first batch (a no-op if it already was).
        batch(null, 50);
        JsonNode user = keycloak.admin().findUsers(realm.name(), Map.of("username", "janedoe", "exact", "true")).get(0);
        String id = user.path("id").asText();
        assertThat(id).doesNotStartWith("f:");
        JsonNode before = keycloak.admin().get("/" + realm.name() + "/users/" + id + "/credentials");
        assertThat(before.get(0).path("credentialData").asText()).contains("\"algorithm\":\"legacy-hash\"")
                .contains("bcrypt");

        assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(200);

        JsonNode after = keycloak.admin().get("/" + realm.name() + "/users/" + id + "/credentials");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("credentialData").asText()).contains("\"algorithm\":\"argon2\"");
        assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(200);
        assertThat(realm.login("janedoe", "wrong-password").status()).isEqualTo(400);
        keycloak.admin().clearBruteForce(realm.name());
    }

    @Test
    @DisplayName("the admin console's 'Sync all users' runs the same migration and reports its counts")
    void syncAllUsersWhenTriggeredThenSameMigration() {
        // Its own small table and realm, so that it neither waits for nor disturbs the 10,000-row runs above.
        try (EmbeddedPostgresLegacyDatabase small = EmbeddedPostgresLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("pg-bulk-sync"), false);
             ItRealm syncRealm = ItRealm.create(keycloak, "bulk-sync", Map.of())) {
            Map<String, Object> config = new HashMap<>(small.componentConfig(keycloak));
            config.put("editMode", "MIGRATE");
            config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
            String id = keycloak.admin().createUserStorageComponent(syncRealm.name(), "legacy-small",
                    DemoRealm.LEGACY_PROVIDER_ID, config);
            long rows = small.queryLong("SELECT count(*) FROM auth_user");

            JsonNode result = Http.parse(keycloak.admin().call("POST", "/" + syncRealm.name() + "/user-storage/" + id
                    + "/sync?action=triggerFullSync", null).expect(200).body());

            assertThat(result.path("added").asLong()).isEqualTo(rows - NOT_MIGRATABLE);
            assertThat(result.path("failed").asInt()).as("u_malformed, CaseUser, caseuser").isEqualTo(NOT_MIGRATABLE);
            JsonNode jane = keycloak.admin().findUsers(syncRealm.name(), Map.of("username", "janedoe", "exact", "true")).get(0);
            assertThat(jane.path("id").asText()).doesNotStartWith("f:");
            assertThat(keycloak.serverLog()).contains("Bulk migration of legacy user storage [legacy-small] finished");

            JsonNode again = Http.parse(keycloak.admin().call("POST", "/" + syncRealm.name() + "/user-storage/" + id
                    + "/sync?action=triggerFullSync", null).expect(200).body());
            assertThat(again.path("added").asLong()).as("a second sync changes nothing").isZero();
        }
    }
}
