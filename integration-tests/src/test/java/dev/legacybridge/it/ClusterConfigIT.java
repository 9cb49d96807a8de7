package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.stack.DemoRealm;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Changes made through one node of {@link KeycloakCluster} (the component's JDBC URL, allowed schemes, mode and cache
 * policy, the user cache cleared, a legacy row disabled) take effect on the other node without a restart. Each test
 * has its own realm, made through node A, with brute-force detection off so that the refused logins it waits on
 * cannot lock a user out.
 */
@DisplayName("Given two Keycloak nodes in one cluster and a legacy PostgreSQL")
class ClusterConfigIT {

    private static KeycloakCluster cluster;
    private static EmbeddedPostgresLegacyDatabase postgres;

    @BeforeAll
    static void setUp() {
        cluster = KeycloakCluster.shared();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-cluster-config"), false);
    }

    @AfterAll
    static void tearDown() {
        postgres.close();
    }

    private record Setup(ItRealm realm, String componentId) implements AutoCloseable {
        String name() {
            return realm.name();
        }

        @Override
        public void close() {
            realm.close();
        }
    }

    /** A realm and a component made through node A, once node B lists the component too. */
    private static Setup realmWithComponent(String prefix, LegacyDatabase database, Map<String, Object> settings) {
        ItRealm realm = ItRealm.create(cluster.a(), prefix, Map.of("bruteForceProtected", false))
                .withOptionalNamesAndEmail();
        Map<String, Object> config = new HashMap<>(database.componentConfig(cluster.a()));
        config.putAll(settings);
        String id = cluster.a().admin().createUserStorageComponent(realm.name(), "legacy-pg",
                DemoRealm.LEGACY_PROVIDER_ID, config);
        cluster.b().awaitComponents(realm.name(), 1);
        return new Setup(realm, id);
    }

    private static void changeThroughNodeA(Setup setup, Map<String, ?> config) {
        cluster.a().admin().updateComponentConfig(setup.name(), setup.componentId(), config);
    }

    private static void assertLogin(TokenClient.TokenResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }

    @Test
    @DisplayName("a new JDBC URL saved through node A is used by node B's next login")
    void jdbcUrlWhenChangedThroughNodeAThenNodeBReadsTheNewDatabase() {
        try (EmbeddedPostgresLegacyDatabase other = EmbeddedPostgresLegacyDatabase.createSeeded(
                ItSettings.workDir().resolve("pg-cluster-config-other"), false)) {
            // In the other database, johndoe's password is janedoe's ("hashsecret").
            other.execute("UPDATE auth_user SET password = (SELECT password FROM auth_user WHERE username = 'janedoe') "
                    + "WHERE username = 'johndoe';");
            try (Setup setup = realmWithComponent("cluster-url", postgres, Map.of("cachePolicy", "NO_CACHE"))) {
                assertLogin(cluster.b().login(setup.name(), "johndoe", "secret"), 200);

                changeThroughNodeA(setup, Map.of("jdbcUrl", other.jdbcUrl()));

                assertLogin(cluster.b().awaitLogin(setup.name(), "johndoe", "hashsecret", 200), 200);
                assertLogin(cluster.b().login(setup.name(), "johndoe", "secret"), 400);
                assertLogin(cluster.a().login(setup.name(), "johndoe", "hashsecret"), 200);
            }
        }
    }

    @Test
    @DisplayName("allowed hash schemes narrowed through node A are enforced by node B")
    void allowedSchemesWhenNarrowedThroughNodeAThenNodeBRefusesTheOthers() {
        try (Setup setup = realmWithComponent("cluster-schemes", postgres, Map.of("cachePolicy", "NO_CACHE"))) {
            assertLogin(cluster.b().login(setup.name(), "u_bcrypt", "secret"), 200);

            changeThroughNodeA(setup, Map.of("allowedSchemes", List.of("django_pbkdf2_sha256")));

            assertLogin(cluster.b().awaitLogin(setup.name(), "u_bcrypt", "secret", 400), 400);
            assertLogin(cluster.b().login(setup.name(), "admin_legacy", "hashsecret"), 200);
            assertLogin(cluster.a().login(setup.name(), "u_bcrypt", "secret"), 400);
        }
    }

    @Test
    @DisplayName("READ_ONLY switched to MIGRATE through node A: node B's next login migrates the user")
    void modeWhenSwitchedToMigrateThroughNodeAThenNodeBMigrates() {
        try (Setup setup = realmWithComponent("cluster-mode", postgres, Map.of("editMode", "READ_ONLY"))) {
            assertLogin(cluster.b().login(setup.name(), "staff_legacy", "secret"), 200);
            postgres.stop();
            try {
                assertThat(cluster.a().login(setup.name(), "staff_legacy", "secret").body().has("access_token"))
                        .as("READ_ONLY: no login without the legacy database").isFalse();
            } finally {
                postgres.start();
            }

            changeThroughNodeA(setup, Map.of("editMode", "MIGRATE"));
            String modeOnB = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                    () -> cluster.b().admin().component(setup.name(), setup.componentId()).path("config")
                            .path("editMode").path(0).asText(), "MIGRATE"::equals);
            assertThat(modeOnB).isEqualTo("MIGRATE");
            assertLogin(cluster.b().login(setup.name(), "staff_legacy", "secret"), 200);

            postgres.stop();
            try {
                assertLogin(cluster.a().login(setup.name(), "staff_legacy", "secret"), 200);
                assertLogin(cluster.b().login(setup.name(), "staff_legacy", "secret"), 200);
            } finally {
                postgres.start();
            }
        }
    }

    @Test
    @DisplayName("cache policy set to NO_CACHE through node A: a legacy row disabled afterwards is refused on both nodes")
    void disabledRowWhenCachePolicyChangedThroughNodeAThenRefusedOnBothNodes() {
        try (Setup setup = realmWithComponent("cluster-nocache", postgres, Map.of("cachePolicy", "DEFAULT"))) {
            for (ClusterNode node : cluster.nodes()) {
                assertLogin(node.login(setup.name(), "janedoe", "hashsecret"), 200);
            }

            changeThroughNodeA(setup, Map.of("cachePolicy", "NO_CACHE"));
            String policyOnB = Poll.until(Duration.ofSeconds(10), Duration.ofMillis(100),
                    () -> cluster.b().admin().component(setup.name(), setup.componentId()).path("config")
                            .path("cachePolicy").path(0).asText(), "NO_CACHE"::equals);
            assertThat(policyOnB).isEqualTo("NO_CACHE");
            postgres.execute("UPDATE auth_user SET is_active = FALSE WHERE username = 'janedoe';");
            try {
                for (ClusterNode node : cluster.nodes()) {
                    TokenClient.TokenResponse refused = node.awaitLogin(setup.name(), "janedoe", "hashsecret", 400);
                    assertLogin(refused, 400);
                    assertThat(refused.errorDescription()).as(node.toString()).isEqualTo("Account disabled");
                }
            } finally {
                postgres.execute("UPDATE auth_user SET is_active = TRUE WHERE username = 'janedoe';");
            }
            for (ClusterNode node : cluster.nodes()) {
                assertLogin(node.awaitLogin(setup.name(), "janedoe", "hashsecret", 200), 200);
            }
        }
    }

    @Test
    @DisplayName("user cache cleared through node A after a legacy row was disabled: node B refuses the user")
    void disabledRowWhenUserCacheClearedThroughNodeAThenNodeBRefuses() {
        try (Setup setup = realmWithComponent("cluster-evict", postgres, Map.of("cachePolicy", "DEFAULT"))) {
            assertLogin(cluster.b().login(setup.name(), "janedoe", "hashsecret"), 200);
            postgres.execute("UPDATE auth_user SET is_active = FALSE WHERE username = 'janedoe';");
            try {
                cluster.a().admin().call("POST", "/" + setup.name() + "/clear-user-cache", null).expect(204);

                TokenClient.TokenResponse refused = cluster.b().awaitLogin(setup.name(), "janedoe", "hashsecret", 400);
                assertLogin(refused, 400);
                assertThat(refused.errorDescription()).isEqualTo("Account disabled");
            } finally {
                postgres.execute("UPDATE auth_user SET is_active = TRUE WHERE username = 'janedoe';");
            }
        }
    }
}
