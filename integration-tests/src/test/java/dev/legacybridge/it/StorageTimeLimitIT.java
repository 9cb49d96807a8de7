package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.legacybridge.stack.DemoRealm;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keycloak calls a storage provider's lookups under a time limit (3 s by default) and interrupts the request thread
 * when it passes. A legacy SQLite file locked by the legacy application for longer than that (a long write) makes every
 * lookup wait; the interrupt must not reach Keycloak's own database (H2 in this harness, whose file channel an
 * interrupt closes), or every later request of every realm answers 500. Found by monitoring/record-run.sh.
 */
@DisplayName("Given a legacy SQLite database locked for longer than Keycloak's storage time limit")
class StorageTimeLimitIT {

    private static KeycloakEnvironment keycloak;
    private static ItRealm realm;
    private static SqliteLegacyDatabase sqlite;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        realm = ItRealm.create(keycloak, "timelimit", Map.of("bruteForceProtected", false, "eventsEnabled", true));
        sqlite = SqliteLegacyDatabase.create(ItSettings.workDir().resolve("legacy/time-limit.sqlite3"));
        Map<String, Object> config = new java.util.HashMap<>(sqlite.componentConfig(keycloak));
        config.put("poolMaxSize", "1");   // the second lookup waits for the pool, the first for the lock
        keycloak.admin().createUserStorageComponent(realm.name(), "legacy", DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
    }

    @Test
    @DisplayName("lookups that outlast the limit fail or succeed cleanly, and Keycloak's own database keeps working")
    void loginWhenLegacyFileLockedLongerThanTheTimeLimitThenNo500AndKeycloakKeepsWorking() throws Exception {
        assertThat(realm.login("johndoe", "secret").status()).as("before the locks").isEqualTo(200);
        List<Integer> during = new ArrayList<>();
        // Locked 4.5 s: past Keycloak's 3 s limit, within SQLite's busy timeout (the query timeout, 5 s), so lookups of
        // users Keycloak has not met yet succeed late, with the interrupt flag set, and then import the user into
        // Keycloak's database. Locked 12 s: they fail (busy, or interrupted while waiting for the pool).
        List<List<String>> rounds = List.of(
                List.of("janedoe", "admin_legacy", "staff_legacy", "u_django_pbkdf2_sha256"),
                List.of("u_django_argon2", "u_bcrypt", "nobody-1", "johndoe"));
        long[] lockMillis = {4500, 12000};
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < rounds.size(); round++) {
                try (Connection legacyApp = DriverManager.getConnection("jdbc:sqlite:" + sqlite.file());
                     Statement st = legacyApp.createStatement()) {
                    st.execute("BEGIN EXCLUSIVE");
                    List<Future<Integer>> logins = new ArrayList<>();
                    for (String username : rounds.get(round)) {
                        logins.add(pool.submit(() -> realm.login(username, "secret").status()));
                    }
                    Thread.sleep(lockMillis[round]);
                    st.execute("ROLLBACK");
                    for (Future<Integer> login : logins) {
                        during.add(login.get(60, TimeUnit.SECONDS));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(during).as("answers while the legacy file was locked").doesNotContain(500);
        // The watchdog fired during a legacy statement and the provider cleared the flag right after it, before any
        // read or write of Keycloak's own database (whether H2 then fails is a matter of cache misses, so the log
        // line is what proves the flag never reached it).
        String log = keycloak.serverLog();
        assertThat(log).as("the provider cleared Keycloak's interrupt after a legacy statement")
                .contains("Keycloak's storage provider time limit interrupted the request; the interrupt was cleared");
        assertThat(log).doesNotContain("ClosedByInterruptException").doesNotContain("The database has been closed");
        TokenClient.TokenResponse after = realm.login("janedoe", "hashsecret");
        assertThat(after.status()).as("after the locks: " + after).isEqualTo(200);
        assertThat(keycloak.admin().get("/" + realm.name() + "/users/count").asInt())
                .as("Keycloak's own database still answers").isPositive();
        assertThat(keycloak.admin().call("GET", "/" + realm.name() + "/events?max=5", null).status())
                .as("the events written during the locks are readable").isEqualTo(200);
    }
}
