package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.stack.DemoRealm;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The legacy PostgreSQL goes away while Keycloak runs, then comes back: logins of its users fail cleanly (JSON, no
 * 5xx page, no stack trace) with a clear line in Keycloak's log, and recover by themselves, without restarting
 * Keycloak and without leaking connections.
 */
@DisplayName("Given a legacy PostgreSQL that is stopped and restarted under Keycloak")
class LegacyDatabaseOutageIT {

    private static final int POOL_SIZE = 4;

    private static KeycloakEnvironment keycloak;
    private static ItRealm realm;
    private static EmbeddedPostgresLegacyDatabase postgres;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-outage"), false);
        realm = ItRealm.create(keycloak, "outage", Map.of());
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("poolMaxSize", String.valueOf(POOL_SIZE));
        config.put("connectTimeoutSeconds", "2");
        config.put("queryTimeoutSeconds", "2");
        keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        postgres.close();
    }

    @Test
    @DisplayName("logins fail cleanly while it is down and succeed again within seconds after it is back")
    void loginWhenDatabaseStoppedThenCleanFailureAndRecovery() {
        assertThat(realm.login("johndoe", "secret").status()).isEqualTo(200);
        assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(200);

        postgres.stop();
        int logBefore = keycloak.serverLog().length();
        for (String[] user : new String[][] {{"johndoe", "secret"}, {"nobody", "secret"}, {"admin_legacy", "hashsecret"}}) {
            TokenClient.TokenResponse down = realm.login(user[0], user[1]);
            // 503 temporarily_unavailable when the password check cannot reach the database (the user came from
            // Keycloak's cache); 400 invalid_grant when even the lookup failed (Keycloak skips the unavailable store).
            assertThat(down.status()).as(user[0] + ": " + down.body()).isIn(400, 503);
            assertThat(down.error()).isEqualTo(down.status() == 503 ? "temporarily_unavailable" : "invalid_grant");
            assertThat(down.body().isObject()).as("a JSON error, not an HTML page").isTrue();
            assertThat(down.body().has("access_token")).isFalse();
            assertThat(down.body().toString()).doesNotContain("Exception").doesNotContain("at org.");
        }
        String outageLog = keycloak.serverLog().substring(logBefore);
        assertThat(outageLog).contains("Legacy user storage [legacy-pg]");

        postgres.start();
        long upAt = System.nanoTime();
        TokenClient.TokenResponse back = Poll.until(Duration.ofSeconds(30), Duration.ofMillis(100),
                () -> realm.login("johndoe", "secret"), r -> r.status() == 200);
        double recoverySeconds = (System.nanoTime() - upAt) / 1e9;
        assertThat(back.status()).isEqualTo(200);
        assertThat(recoverySeconds).as("recovery after the database returned").isLessThan(5.0);
        System.out.printf("[it] legacy logins recovered %.2f s after PostgreSQL accepted connections again%n",
                recoverySeconds);

        for (int i = 0; i < 20; i++) {
            assertThat(realm.login(i % 2 == 0 ? "johndoe" : "janedoe", i % 2 == 0 ? "secret" : "hashsecret").status())
                    .isEqualTo(200);
        }
        long connections = postgres.queryLong(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'keycloak-legacy-bridge'");
        assertThat(connections).as("server-side connections of the provider's pool").isBetween(1L, (long) POOL_SIZE);
    }
}
