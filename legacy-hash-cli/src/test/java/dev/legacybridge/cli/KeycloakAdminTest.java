package dev.legacybridge.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token lifetime, refresh and retry timing of {@link KeycloakAdmin}, with a controlled clock. */
class KeycloakAdminTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String STATUS = "/" + FakeKeycloak.REALM + "/legacy-migration/" + FakeKeycloak.COMPONENT_ID;

    private final FakeKeycloak keycloak = new FakeKeycloak();
    private final AtomicLong now = new AtomicLong(0);
    private final List<Long> sleeps = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @AfterEach
    void stop() {
        keycloak.close();
    }

    private KeycloakAdmin admin(KeycloakAdmin.Credentials credentials, int retries, long retryWaitMillis) {
        return new KeycloakAdmin(keycloak.url(), credentials, Duration.ofSeconds(10), retries, retryWaitMillis,
                sleeps::add, now::get, notices::add);
    }

    private static KeycloakAdmin.Credentials adminUser() {
        return new KeycloakAdmin.Credentials("master", FakeKeycloak.ADMIN, FakeKeycloak.ADMIN_PASSWORD, null, null);
    }

    @Test
    void callWhenTokenNearExpiryThenRefreshedWithTheRefreshTokenBeforeItExpires() {
        KeycloakAdmin admin = admin(adminUser(), 0, 0);

        admin.get(STATUS);
        now.set(29 * SECOND);
        admin.get(STATUS); // 60 s token, renewed 30 s early: still valid
        now.set(31 * SECOND);
        admin.get(STATUS);

        assertThat(keycloak.tokenRequests).extracting(f -> f.get("grant_type")).containsExactly("password", "refresh_token");
        assertThat(keycloak.tokenRequests.get(1)).containsEntry("client_id", "admin-cli").containsKey("refresh_token")
                .doesNotContainKey("password");
    }

    @Test
    void callWhenShortLivedTokensThenRenewedAtHalfTheirLifetime() {
        keycloak.expiresIn = 10;
        KeycloakAdmin admin = admin(adminUser(), 0, 0);

        admin.get(STATUS);
        now.set(4 * SECOND);
        admin.get(STATUS);
        now.set(6 * SECOND);
        admin.get(STATUS);

        assertThat(keycloak.tokenRequests).hasSize(2);
    }

    @Test
    void callWhenClientCredentialsExpireThenLogsInAgain() {
        KeycloakAdmin admin = admin(new KeycloakAdmin.Credentials(FakeKeycloak.REALM, null, null,
                FakeKeycloak.CLIENT_ID, FakeKeycloak.CLIENT_SECRET), 0, 0);

        admin.get(STATUS);
        now.set(45 * SECOND);
        admin.get(STATUS);

        assertThat(keycloak.tokenRequests).extracting(f -> f.get("grant_type"))
                .containsExactly("client_credentials", "client_credentials");
        admin.logout();
        assertThat(keycloak.logouts.get()).isZero();
    }

    @Test
    void callWhenRetryableThenWaitsDoublingUpToTheCapAndReportsEachRetry() {
        keycloak.alwaysBatchStatus = 504;
        KeycloakAdmin admin = admin(adminUser(), 7, 2000);

        assertThatThrownBy(() -> admin.post(STATUS + "/batch?size=5")).isInstanceOf(ServiceFailure.class)
                .hasMessageEndingWith("; gave up after 8 attempts");

        assertThat(sleeps).containsExactly(2000L, 4000L, 8000L, 16000L, 32000L, 60000L, 60000L);
        assertThat(notices).hasSize(7);
        assertThat(notices.get(0)).isEqualTo("Keycloak answered HTTP 504 for POST " + STATUS
                + "/batch?size=5: unknown_error; retry 1 of 7 in 2 s");
    }

    @Test
    void callWhenNotRetryableThenAnsweredAsIs() {
        KeycloakAdmin admin = admin(adminUser(), 3, 1000);

        assertThat(admin.get("/" + FakeKeycloak.REALM + "/nothing-here").status()).isEqualTo(404);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void errorTextWhenKeycloakErrorJsonThenShortAndClean() {
        assertThat(KeycloakAdmin.errorText("{\"error\":\"invalid_grant\",\"error_description\":\"Bad\\ncreds\"}"))
                .isEqualTo(": invalid_grant - Bad creds");
        assertThat(KeycloakAdmin.errorText("{\"errorMessage\":\"" + "x".repeat(400) + "\"}")).hasSize(2 + 300 + 3);
        assertThat(KeycloakAdmin.errorText("<html>proxy error</html>")).isEmpty();
        assertThat(KeycloakAdmin.errorText("")).isEmpty();
        assertThat(KeycloakAdmin.errorText(null)).isEmpty();
    }
}
