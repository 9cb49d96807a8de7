package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.stack.DemoRealm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MIGRATE logins across the two nodes of {@link KeycloakCluster}: what one node migrates, the other sees, and a race
 * between the nodes makes one user. Everything is observed through Keycloak's token endpoint and admin REST API.
 */
@DisplayName("Given two Keycloak nodes in one cluster and a MIGRATE component over a legacy PostgreSQL")
class ClusterLoginIT {

    private static final int LOGINS = 20;

    private static KeycloakCluster cluster;
    private static EmbeddedPostgresLegacyDatabase postgres;

    @BeforeAll
    static void setUp() {
        cluster = KeycloakCluster.shared();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-cluster-login"), false);
    }

    @AfterAll
    static void tearDown() {
        postgres.close();
    }

    /** A realm made through node A with a MIGRATE component, once node B lists the component too. */
    private static ItRealm migrateRealm(String prefix, Map<String, Object> settings) {
        ItRealm realm = ItRealm.create(cluster.a(), prefix, settings).withOptionalNamesAndEmail();
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(cluster.a()));
        config.put("editMode", "MIGRATE");
        cluster.a().admin().createUserStorageComponent(realm.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
        cluster.b().awaitComponents(realm.name(), 1);
        return realm;
    }

    private static List<JsonNode> usersNamed(ClusterNode node, String realm, String username) {
        return node.admin().findUsers(realm, Map.of("username", username, "exact", "true"));
    }

    /**
     * Brute-force detection off: with it, Keycloak refuses a login while another login of the same user is in flight
     * (see {@link MigrateOnLoginIT}), on one node as on two.
     */
    @Test
    @DisplayName("20 concurrent first logins of one legacy user, 10 on each node, all succeed and make exactly one user")
    void loginWhenConcurrentFirstLoginsOnBothNodesThenExactlyOneUser() throws Exception {
        try (ItRealm realm = migrateRealm("cluster-race", Map.of("bruteForceProtected", false))) {
            ExecutorService pool = Executors.newFixedThreadPool(LOGINS);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<TokenClient.TokenResponse>> logins = new ArrayList<>();
                for (int i = 0; i < LOGINS; i++) {
                    ClusterNode node = i % 2 == 0 ? cluster.a() : cluster.b();
                    logins.add(() -> {
                        go.await();
                        return node.login(realm.name(), "u_bcrypt", "secret");
                    });
                }
                List<Future<TokenClient.TokenResponse>> futures = new ArrayList<>();
                logins.forEach(login -> futures.add(pool.submit(login)));
                go.countDown();
                List<String> subs = new ArrayList<>();
                for (Future<TokenClient.TokenResponse> future : futures) {
                    TokenClient.TokenResponse response = future.get();
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    subs.add(response.claims().path("sub").asText());
                }

                for (ClusterNode node : cluster.nodes()) {
                    List<JsonNode> users = usersNamed(node, realm.name(), "u_bcrypt");
                    assertThat(users).as("users named u_bcrypt, asked through " + node).hasSize(1);
                    assertThat(subs).as("every token, from either node, names that one user")
                            .containsOnly(users.get(0).path("id").asText());
                }
                // In Keycloak's own store, not a view of the legacy row: still there with the component disabled.
                String componentId = cluster.a().admin().components(realm.name(), AdminClient.USER_STORAGE).get(0)
                        .path("id").asText();
                cluster.a().admin().updateComponentConfig(realm.name(), componentId, Map.of("enabled", "false"));
                String enabledOnB = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                        () -> cluster.b().admin().component(realm.name(), componentId).path("config").path("enabled")
                                .path(0).asText(), "false"::equals);
                assertThat(enabledOnB).as("node B sees the component disabled").isEqualTo("false");
                List<JsonNode> stored = usersNamed(cluster.b(), realm.name(), "u_bcrypt");
                assertThat(stored).hasSize(1);
                assertThat(subs).containsOnly(stored.get(0).path("id").asText());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("a user migrated by a login on node A logs in on node B while the legacy database is stopped")
    void loginWhenMigratedOnNodeAThenNodeBLogsInWithLegacyDatabaseStopped() {
        try (ItRealm realm = migrateRealm("cluster-migrated", Map.of())) {
            TokenClient.TokenResponse first = cluster.a().login(realm.name(), "janedoe", "hashsecret");
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            String sub = first.claims().path("sub").asText();

            postgres.stop();
            try {
                for (int i = 0; i < 3; i++) {
                    TokenClient.TokenResponse onB = cluster.b().login(realm.name(), "janedoe", "hashsecret");
                    assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
                    assertThat(onB.claims().path("sub").asText()).isEqualTo(sub);
                }
                TokenClient.TokenResponse notMigrated = cluster.b().login(realm.name(), "staff_legacy", "secret");
                assertThat(notMigrated.body().has("access_token")).as("the legacy database is really gone: "
                        + notMigrated).isFalse();
            } finally {
                postgres.start();
            }
        }
    }
}
