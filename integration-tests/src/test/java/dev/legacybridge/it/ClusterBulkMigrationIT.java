package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bulk migration through the admin REST API of one node of {@link KeycloakCluster}, that node killed in the middle of
 * a batch, the migration resumed through the other node from the last cursor the client received: the way an operator
 * (or {@code legacy-hash migrate --resume}) carries on after losing a node.
 */
@DisplayName("Given two Keycloak nodes in one cluster and a legacy PostgreSQL table of 3,000+ users in MIGRATE mode")
class ClusterBulkMigrationIT {

    private static final int GENERATED = 3_000;
    private static final int BATCH = 250;
    /** Seeded rows bulk migration refuses: u_malformed, and CaseUser/caseuser (see {@link BulkMigrationIT}). */
    private static final List<String> NOT_MIGRATABLE = List.of("u_malformed", "CaseUser", "caseuser");
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(3);

    private static KeycloakCluster cluster;
    private static EmbeddedPostgresLegacyDatabase postgres;

    @BeforeAll
    static void setUp() {
        cluster = KeycloakCluster.shared();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-cluster-bulk"), true);
        postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                + "is_staff, is_active, date_joined) SELECT (SELECT password FROM auth_user WHERE username = 'u_bcrypt'), "
                + "FALSE, 'bulk' || lpad(g::text, 5, '0'), 'Bulk', 'User ' || g, 'bulk' || g || '@example.org', FALSE, "
                + "TRUE, now() FROM generate_series(1, " + GENERATED + ") g;");
        postgres.execute("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT FALSE;");
    }

    @AfterAll
    static void tearDown() {
        postgres.close();   // node A stays down; the next KeycloakCluster.shared() starts it again
    }

    private static JsonNode batch(ClusterNode node, String realm, String componentId, String after) {
        String query = "?size=" + BATCH + (after == null ? "" : "&after=" + after);
        return node.admin().call("POST", "/" + realm + "/legacy-migration/" + componentId + "/batch" + query, null,
                BATCH_TIMEOUT).expect(200).json();
    }

    /** Every username Keycloak's own store holds in the realm, page by page (component disabled: no legacy rows). */
    private static List<String> storedUsernames(ClusterNode node, String realm) {
        List<String> names = new ArrayList<>();
        for (int first = 0; ; first += 500) {
            List<JsonNode> page = node.admin().findUsers(realm, Map.of("first", first, "max", 500,
                    "briefRepresentation", "true"));
            page.forEach(u -> names.add(u.path("username").asText()));
            if (page.size() < 500) {
                return names;
            }
        }
    }

    private static Set<String> migratableLegacyUsernames() {
        Set<String> names = new HashSet<>();
        try (var c = postgres.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT username FROM auth_user")) {
            while (rs.next()) {
                names.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        NOT_MIGRATABLE.forEach(n -> names.remove(n.toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    @Test
    @DisplayName("node A killed in the middle of a batch, resumed through node B: every user once, none lost")
    void bulkMigrationWhenNodeKilledMidBatchThenResumedThroughOtherNodeWithNoUserLostOrDuplicated() throws Exception {
        // The realm is made through node B, the node that stays up, so that it can be removed at the end.
        try (ItRealm realm = ItRealm.create(cluster.b(), "cluster-bulk", Map.of())) {
            Map<String, Object> config = new HashMap<>(postgres.componentConfig(cluster.b()));
            config.put("editMode", "MIGRATE");
            config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
            config.put("migratedColumn", "migrated");
            String componentId = cluster.b().admin().createUserStorageComponent(realm.name(), "legacy-pg",
                    DemoRealm.LEGACY_PROVIDER_ID, config);
            cluster.a().awaitComponents(realm.name(), 1);

            // The client drives batches through node A and remembers the last cursor it received, as the CLI does.
            AtomicReference<String> lastCursor = new AtomicReference<>();
            AtomicInteger batchesDone = new AtomicInteger();
            AtomicLong importedOnA = new AtomicLong();
            AtomicLong failedOnA = new AtomicLong();
            CompletableFuture<Throwable> driver = CompletableFuture.supplyAsync(() -> {
                try {
                    while (true) {
                        JsonNode result = batch(cluster.a(), realm.name(), componentId, lastCursor.get());
                        importedOnA.addAndGet(result.path("imported").asLong());
                        failedOnA.addAndGet(result.path("failed").asLong());
                        lastCursor.set(result.path("nextCursor").asText());
                        batchesDone.incrementAndGet();
                        if (result.path("done").asBoolean()) {
                            return null;
                        }
                    }
                } catch (UncheckedIOException | IllegalStateException expected) {
                    return expected;   // the node went away under the request
                }
            });

            // Kill node A once a batch after the second is under way and has committed users of its own.
            boolean midBatch = Poll.until(Duration.ofMinutes(3), Duration.ofMillis(20), () -> batchesDone.get() >= 2
                            && cluster.usersStoredInRealm(realm.name()) > importedOnA.get(),
                    Boolean::booleanValue);
            assertThat(midBatch).as("a batch through node A was under way").isTrue();
            cluster.a().kill();
            Throwable end = driver.get();
            assertThat(end).as("the client's request died with node A").isNotNull();
            long storedAtKill = cluster.usersStoredInRealm(realm.name());
            System.err.printf("[it] cluster: node A killed after %d batch(es) (%d imported as reported), %d users "
                    + "stored at the kill%n", batchesDone.get(), importedOnA.get(), storedAtKill);

            long importedOnB = 0;
            long skippedOnB = 0;
            long failedOnB = 0;
            String cursor = lastCursor.get();
            boolean done = false;
            while (!done) {
                JsonNode result = batch(cluster.b(), realm.name(), componentId, cursor);
                importedOnB += result.path("imported").asLong();
                skippedOnB += result.path("skipped").asLong();
                failedOnB += result.path("failed").asLong();
                cursor = result.path("nextCursor").asText();
                done = result.path("done").asBoolean();
            }
            System.err.printf("[it] cluster: resumed through node B: %d imported, %d skipped (committed before the "
                    + "kill), %d failed%n", importedOnB, skippedOnB, failedOnB);

            assertThat(failedOnA.get() + failedOnB).as("u_malformed, CaseUser, caseuser: reported, not imported")
                    .isEqualTo(NOT_MIGRATABLE.size());
            Set<String> expected = migratableLegacyUsernames();
            cluster.b().admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "false"));
            List<String> stored = storedUsernames(cluster.b(), realm.name());
            assertThat(new HashSet<>(stored)).as("no user lost").isEqualTo(expected);
            assertThat(stored).as("no user twice").hasSize(expected.size());
            cluster.b().admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "true"));

            long again = 0;
            String second = null;
            boolean secondDone = false;
            while (!secondDone) {
                JsonNode result = batch(cluster.b(), realm.name(), componentId, second);
                again += result.path("imported").asLong();
                second = result.path("nextCursor").asText();
                secondDone = result.path("done").asBoolean();
            }
            assertThat(again).as("a full second run through node B imports nothing").isZero();
            long flagged = postgres.queryLong("SELECT count(*) FROM auth_user WHERE migrated");
            System.err.printf("[it] cluster: %d of %d migrated users flagged in the legacy table%n", flagged,
                    expected.size());
        }
    }
}
