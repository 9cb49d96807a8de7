package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.FreePorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WRITABLE mode: what Keycloak changes goes back into the legacy row, in the legacy application's own format, so the
 * legacy application keeps logging the user in. Checked with this project's verifier on the row itself.
 */
@DisplayName("Given the provider in WRITABLE mode over a legacy PostgreSQL")
class WritableModeIT {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static ItRealm realm;
    private static GreenMail mail;

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-writable"), false);
        mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, Object> settings = Map.of("clients", List.of(Map.of("clientId", "web", "enabled", true,
                "publicClient", true, "standardFlowEnabled", true, "redirectUris", List.of("http://localhost/cb"))),
                "resetPasswordAllowed", true,
                "smtpServer", Map.of("host", keycloak.hostSeenByKeycloak(mail.getSmtp().getPort()),
                        "port", String.valueOf(mail.getSmtp().getPort()), "from", "keycloak@example.org"));
        realm = ItRealm.create(keycloak, "writable", settings).withOptionalNamesAndEmail();
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", "WRITABLE");
        config.put("passwordFormat", "django_pbkdf2_sha256:20000");
        config.put("upgradeOnLogin", "true");
        config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
        keycloak.admin().createUserStorageComponent(realm.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID, config);
    }

    @AfterAll
    static void tearDown() {
        realm.close();
        postgres.close();
        mail.stop();
    }

    @AfterEach
    void clearLockouts() {
        keycloak.admin().clearBruteForce(realm.name());
    }

    private static String storedHash(String username) {
        try (Connection c = postgres.connect();
             PreparedStatement ps = c.prepareStatement("SELECT password FROM auth_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idOf(String username) {
        return keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true")).get(0)
                .path("id").asText();
    }

    @Test
    @DisplayName("an admin password reset is written as Django pbkdf2_sha256; the new password verifies, the old does not")
    void resetPasswordWhenAdminSetsItThenLegacyRowHasNewDjangoHash() {
        String id = idOf("janedoe");

        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "Brand-new-1", "temporary", false)).expect(204);

        String hash = storedHash("janedoe");
        assertThat(hash).startsWith("pbkdf2_sha256$20000$");
        assertThat(VERIFIER.verify("Brand-new-1", hash).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("hashsecret", hash).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(realm.login("janedoe", "Brand-new-1").status()).isEqualTo(200);
        assertThat(realm.login("janedoe", "hashsecret").status()).isEqualTo(400);
        assertThat(keycloak.admin().get("/" + realm.name() + "/users/" + id + "/credentials").toString())
                .as("no copy of the password in Keycloak").doesNotContain("pbkdf2-sha256").doesNotContain("argon2");
    }

    @Test
    @DisplayName("the UPDATE_PASSWORD required action writes the chosen password back to the legacy row")
    void updatePasswordRequiredActionWhenCompletedThenLegacyRowUpdated() {
        String id = idOf("staff_legacy");
        ObjectNode user = (ObjectNode) keycloak.admin().user(realm.name(), id);
        user.putArray("requiredActions").add("UPDATE_PASSWORD");
        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id, user).expect(204);

        BrowserLogin browser = new BrowserLogin();
        BrowserLogin.Page next = browser.login(keycloak.baseUrl(), realm.name(), "web", "http://localhost/cb",
                "staff_legacy", "secret");
        assertThat(next.formId()).as(next.describe()).isEqualTo("kc-passwd-update-form");
        BrowserLogin.Page done = browser.submit(next, Map.of("password-new", "Chosen-by-user-7",
                "password-confirm", "Chosen-by-user-7"));

        assertThat(done.redirectsTo("http://localhost/cb")).as("HTTP " + done.status()).isTrue();
        assertThat(VERIFIER.verify("Chosen-by-user-7", storedHash("staff_legacy")).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(realm.login("staff_legacy", "Chosen-by-user-7").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("forgot-password: the new password chosen from the emailed link is written to the legacy row")
    void forgotPasswordWhenCompletedFromEmailLinkThenLegacyRowUpdated() throws Exception {
        BrowserLogin browser = new BrowserLogin();
        BrowserLogin.Page login = browser.loginPage(keycloak.baseUrl(), realm.name(), "web", "http://localhost/cb");
        BrowserLogin.Page forgot = browser.get(BrowserLogin.link(login, "login-actions/reset-credentials"));
        assertThat(forgot.formId()).as(forgot.describe()).isEqualTo("kc-reset-password-form");

        browser.submit(forgot, Map.of("username", "admin_legacy"));
        assertThat(mail.waitForIncomingEmail(15_000, 1)).as("the reset email").isTrue();
        String body = GreenMailUtil.getBody(mail.getReceivedMessages()[0]).replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://[^\\s\"<>]*action-token[^\\s\"<>]*)")
                .matcher(body);
        assertThat(link.find()).as("a link in the email").isTrue();
        BrowserLogin.Page next = browser.get(link.group(1));
        String proceed = BrowserLogin.link(next, "login-actions/action-token");
        if (next.formId() == null && proceed != null) {
            next = browser.get(proceed); // "Click here to proceed" when Keycloak asks first
        }
        assertThat(next.formId()).as(next.describe()).isEqualTo("kc-passwd-update-form");
        browser.submit(next, Map.of("password-new", "Forgot-then-chosen-9", "password-confirm", "Forgot-then-chosen-9"));

        String hash = storedHash("admin_legacy");
        assertThat(hash).startsWith("pbkdf2_sha256$20000$");
        assertThat(VERIFIER.verify("Forgot-then-chosen-9", hash).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(VERIFIER.verify("hashsecret", hash).outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(realm.login("admin_legacy", "Forgot-then-chosen-9").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("profile edits of mapped fields go to the legacy row; the username stays read-only")
    void updateUserWhenProfileEditedThenLegacyColumnsUpdated() {
        String id = idOf("johndoe");
        ObjectNode user = (ObjectNode) keycloak.admin().user(realm.name(), id);
        user.put("firstName", "Johnny");
        user.put("email", "johnny@example.com");

        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id, user).expect(204);

        assertThat(postgres.queryLong("SELECT count(*) FROM auth_user WHERE username = 'johndoe' "
                + "AND first_name = 'Johnny' AND email = 'johnny@example.com'")).isEqualTo(1);
        user.put("username", "johnny");
        Http.Response rename = keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id, user);
        assertThat(rename.status()).isEqualTo(400);
    }

    @Test
    @DisplayName("with upgrade on login, a weak md5 row is rewritten in the target format after a successful login")
    void loginWhenWeakHashAndUpgradeOnLoginThenRowRewritten() {
        assertThat(storedHash("u_django_md5")).startsWith("md5$");

        assertThat(realm.login("u_django_md5", "secret").status()).isEqualTo(200);

        String upgraded = storedHash("u_django_md5");
        assertThat(upgraded).startsWith("pbkdf2_sha256$20000$");
        assertThat(VERIFIER.verify("secret", upgraded).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(realm.login("u_django_md5", "secret").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("in READ_ONLY mode the same admin reset is refused and the legacy row is untouched")
    void resetPasswordWhenReadOnlyThenRefused() {
        try (ItRealm readOnly = ItRealm.create(keycloak, "readonly", Map.of())) {
            keycloak.admin().createUserStorageComponent(readOnly.name(), "legacy-pg", DemoRealm.LEGACY_PROVIDER_ID,
                    postgres.componentConfig(keycloak));
            String before = storedHash("u_bcrypt");
            JsonNode user = keycloak.admin().findUsers(readOnly.name(), Map.of("username", "u_bcrypt", "exact", "true")).get(0);

            Http.Response response = keycloak.admin().call("PUT", "/" + readOnly.name() + "/users/"
                    + user.path("id").asText() + "/reset-password", Map.of("type", "password", "value", "Whatever-1",
                    "temporary", false));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("read only");
            assertThat(storedHash("u_bcrypt")).isEqualTo(before);
        }
    }
}
