package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.PasswordEncoders;
import dev.legacybridge.keycloak.migration.LegacyIdentity;
import dev.legacybridge.stack.DemoRealm;
import dev.legacybridge.stack.FreePorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: the path a team walks, READ_ONLY, WRITABLE, MIGRATE, bulk migration and back, over one Django
 * {@code auth_user} table that mixes Django's hashers and iteration counts and has accounts with empty names (as
 * {@code createsuperuser} leaves them). Every realm here is left at Keycloak's defaults: the default user profile
 * (names and email required), no workaround.
 */
@DisplayName("Given a Django auth_user table walked from READ_ONLY to MIGRATE and bulk migration")
class MigrationJourneyIT {

    private static final LegacyPasswordVerifier VERIFIER = new LegacyPasswordVerifier(HashPolicy.allowingAll());
    private static final String POLICY = "length(12) and digits(1)";
    /** Generated rows: cheap PBKDF2 at iteration counts of several Django releases, bcrypt and argon2. */
    private static final String[] TARGETS = {"django_pbkdf2_sha256:10000", "django_pbkdf2_sha256:20000",
            "django_pbkdf2_sha256:36000", "bcrypt:4", "django_argon2"};
    private static final int GENERATED = 40;

    private static KeycloakEnvironment keycloak;
    private static EmbeddedPostgresLegacyDatabase postgres;
    private static GreenMail mail;
    private static final List<ItRealm> realms = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        keycloak = SharedKeycloak.get();
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(ItSettings.workDir().resolve("pg-journey"), true);
        StringBuilder sql = new StringBuilder("ALTER TABLE auth_user ADD COLUMN migrated boolean NOT NULL DEFAULT false;\n");
        for (int i = 0; i < GENERATED; i++) {
            String hash = PasswordEncoders.encode(EncodingTarget.parse(TARGETS[i % TARGETS.length]), "pw-gen-" + i);
            boolean blankNames = i % 4 == 0; // createsuperuser leaves first and last name empty
            sql.append("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff, "
                    + "is_active, date_joined) VALUES ('").append(hash).append("', false, 'gen_").append(i).append("', '")
                    .append(blankNames ? "" : "Gen").append("', '").append(blankNames ? "" : "User " + i)
                    .append("', 'gen_").append(i).append("@example.com', false, true, now());\n");
        }
        postgres.execute(sql.toString());
        mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    @AfterAll
    static void tearDown() {
        realms.forEach(ItRealm::close);
        if (postgres != null) {
            postgres.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    /** A realm at Keycloak's defaults, plus a browser client, SMTP, and the legacy_id claim on demo-cli's tokens. */
    private static ItRealm realm(String prefix, Map<String, Object> extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("clients", List.of(Map.of("clientId", "web", "enabled", true,
                        "publicClient", true, "standardFlowEnabled", true, "redirectUris", List.of("http://localhost/cb"))),
                "resetPasswordAllowed", true,
                "smtpServer", Map.of("host", keycloak.hostSeenByKeycloak(mail.getSmtp().getPort()),
                        "port", String.valueOf(mail.getSmtp().getPort()),
                        "from", "keycloak@example.org")));
        settings.putAll(extra);
        ItRealm realm = ItRealm.create(keycloak, prefix, settings);
        realms.add(realm);
        String clientId = keycloak.admin().get("/" + realm.name() + "/clients?clientId=" + ItRealm.CLIENT).get(0)
                .path("id").asText();
        keycloak.admin().call("POST", "/" + realm.name() + "/clients/" + clientId + "/protocol-mappers/models",
                Map.of("name", "legacy id", "protocol", "openid-connect", "protocolMapper",
                        "oidc-usermodel-attribute-mapper", "config", Map.of("user.attribute", "legacyId",
                                "claim.name", "legacy_id", "jsonType.label", "String", "access.token.claim", "true",
                                "id.token.claim", "true", "userinfo.token.claim", "true"))).expect(201);
        return realm;
    }

    private static String component(ItRealm realm, String mode, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(postgres.componentConfig(keycloak));
        config.put("editMode", mode);
        config.put("cachePolicy", "NO_CACHE");
        config.putAll(extra);
        return keycloak.admin().createUserStorageComponent(realm.name(), "legacy-django", DemoRealm.LEGACY_PROVIDER_ID,
                config);
    }

    private static void mode(ItRealm realm, String componentId, String mode) {
        keycloak.admin().updateComponentConfig(realm.name(), componentId, Map.of("editMode", mode));
    }

    private static String legacyId(String username) {
        return String.valueOf(postgres.queryLong("SELECT id FROM auth_user WHERE username = '" + username + "'"));
    }

    private static String hashOf(String username) {
        return postgres.queryString("SELECT password FROM auth_user WHERE username = '" + username + "'");
    }

    private static JsonNode user(ItRealm realm, String username) {
        List<JsonNode> found = keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true"));
        assertThat(found).as("users named " + username).hasSize(1);
        return keycloak.admin().user(realm.name(), found.get(0).path("id").asText());
    }

    private static String sub(ItRealm realm, String username, String password) {
        TokenClient.TokenResponse token = realm.login(username, password);
        assertThat(token.status()).as(username + " in " + realm.name() + ": " + token).isEqualTo(200);
        assertThat(token.claims().path("legacy_id").asText()).as("legacy_id claim").isEqualTo(legacyId(username));
        return token.claims().path("sub").asText();
    }

    // ------------------------------------------------------------------ one identity

    @Test
    @DisplayName("a person keeps one sub in READ_ONLY, WRITABLE, MIGRATE, after a login migration, after bulk "
            + "migration and after switching back")
    void subWhenModesSwitchAndUsersMigrateThenNeverChanges() {
        ItRealm realm = realm("journey", Map.of());
        String c = component(realm, "READ_ONLY", Map.of());
        Map<String, String> subs = new LinkedHashMap<>();
        Map<String, String> passwords = Map.of("johndoe", "secret", "u_django_argon2", "secret", "gen_1", "pw-gen-1",
                "gen_7", "pw-gen-7", "gen_12", "pw-gen-12");

        // READ_ONLY: the first login gives each person their permanent id.
        for (String name : List.of("johndoe", "u_django_argon2", "gen_1")) {
            subs.put(name, sub(realm, name, passwords.get(name)));
            assertThat(subs.get(name)).isEqualTo(LegacyIdentity.keycloakId(c, legacyId(name)));
        }

        mode(realm, c, "WRITABLE");
        for (String name : List.of("johndoe", "u_django_argon2", "gen_1")) {
            assertThat(sub(realm, name, passwords.get(name))).as(name + " in WRITABLE").isEqualTo(subs.get(name));
        }
        subs.put("gen_7", sub(realm, "gen_7", passwords.get("gen_7")));

        mode(realm, c, "MIGRATE");
        for (String name : List.of("johndoe", "u_django_argon2")) {
            assertThat(sub(realm, name, passwords.get(name))).as(name + " migrating on login").isEqualTo(subs.get(name));
            assertThat(user(realm, name).has("federationLink")).as(name + " migrated").isFalse();
            assertThat(sub(realm, name, passwords.get(name))).as(name + " as Keycloak's own").isEqualTo(subs.get(name));
        }

        // Bulk migration: users met before keep their id, a row never met gets the id a login would have given it.
        bulkMigrate(realm, c);
        assertThat(user(realm, "gen_1").has("federationLink")).isFalse();
        assertThat(user(realm, "gen_1").path("id").asText()).isEqualTo(subs.get("gen_1"));
        assertThat(user(realm, "gen_12").path("id").asText()).isEqualTo(LegacyIdentity.keycloakId(c, legacyId("gen_12")));
        for (String name : List.of("gen_1", "gen_7")) {
            assertThat(sub(realm, name, passwords.get(name))).as(name + " after bulk").isEqualTo(subs.get(name));
        }
        subs.put("gen_12", sub(realm, "gen_12", passwords.get("gen_12")));
        assertThat(subs.get("gen_12")).isEqualTo(LegacyIdentity.keycloakId(c, legacyId("gen_12")));

        // A later switch back does not change anybody.
        mode(realm, c, "READ_ONLY");
        subs.forEach((name, sub) -> assertThat(sub(realm, name, passwords.get(name))).as(name + " back in READ_ONLY")
                .isEqualTo(sub));
        assertThat(keycloak.admin().findUsers(realm.name(), Map.of("username", "johndoe", "exact", "true")))
                .hasSize(1);
    }

    private static void bulkMigrate(ItRealm realm, String componentId) {
        String after = "";
        for (int batches = 0; batches < 100; batches++) {
            JsonNode result = Http.parse(keycloak.admin().call("POST", "/" + realm.name() + "/legacy-migration/"
                    + componentId + "/batch?size=50&after=" + after, null).expect(200).body());
            after = result.path("nextCursor").asText();
            if (result.path("done").asBoolean()) {
                return;
            }
        }
        throw new AssertionError("bulk migration did not finish");
    }

    // ------------------------------------------------------------------ password policy

    @Test
    @DisplayName("WRITABLE: a weak password is refused with Keycloak's message on admin reset, UPDATE_PASSWORD and "
            + "forgot-password, and the legacy row stays as it was")
    void newPasswordWhenWritableAndWeakThenRefusedEverywhereAndRowUnchanged() throws Exception {
        ItRealm realm = realm("policy-w", Map.of("passwordPolicy", POLICY));
        component(realm, "WRITABLE", Map.of("passwordFormat", "django_pbkdf2_sha256:20000"));

        // Admin reset.
        String before = hashOf("gen_2");
        String id = user(realm, "gen_2").path("id").asText();
        Http.Response weak = keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "abc", "temporary", false));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(Http.parse(weak.body()).path("error_description").asText()
                + Http.parse(weak.body()).path("errorMessage").asText()).contains("minimum length 12");
        assertThat(hashOf("gen_2")).isEqualTo(before);
        assertThat(realm.login("gen_2", "abc").status()).isEqualTo(400);
        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "Long-enough-pw-1", "temporary", false)).expect(204);
        assertThat(VERIFIER.verify("Long-enough-pw-1", hashOf("gen_2")).outcome()).isEqualTo(Outcome.MATCH);

        // UPDATE_PASSWORD required action (what the account console's "update password" also runs).
        String beforeAction = hashOf("gen_3");
        String id3 = user(realm, "gen_3").path("id").asText();
        ObjectNode rep = (ObjectNode) keycloak.admin().user(realm.name(), id3);
        rep.putArray("requiredActions").add("UPDATE_PASSWORD");
        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id3, rep).expect(204);
        BrowserLogin browser = new BrowserLogin();
        BrowserLogin.Page form = browser.login(keycloak.baseUrl(), realm.name(), "web", "http://localhost/cb",
                "gen_3", "pw-gen-3");
        assertThat(form.formId()).as(form.describe()).isEqualTo("kc-passwd-update-form");
        BrowserLogin.Page refused = browser.submit(form, Map.of("password-new", "short1", "password-confirm", "short1"));
        assertThat(refused.formId()).as(refused.describe()).isEqualTo("kc-passwd-update-form");
        assertThat(refused.body()).contains("minimum length 12");
        assertThat(hashOf("gen_3")).isEqualTo(beforeAction);
        BrowserLogin.Page done = browser.submit(refused, Map.of("password-new", "Chosen-and-long-7",
                "password-confirm", "Chosen-and-long-7"));
        assertThat(done.redirectsTo("http://localhost/cb")).as(done.describe()).isTrue();
        assertThat(VERIFIER.verify("Chosen-and-long-7", hashOf("gen_3")).outcome()).isEqualTo(Outcome.MATCH);

        // Forgot password, from the emailed link.
        String beforeForgot = hashOf("gen_5");
        BrowserLogin forgot = new BrowserLogin();
        BrowserLogin.Page login = forgot.loginPage(keycloak.baseUrl(), realm.name(), "web", "http://localhost/cb");
        BrowserLogin.Page ask = forgot.get(BrowserLogin.link(login, "login-actions/reset-credentials"));
        int mails = mail.getReceivedMessages().length;
        forgot.submit(ask, Map.of("username", "gen_5"));
        assertThat(mail.waitForIncomingEmail(15_000, mails + 1)).as("the reset email").isTrue();
        String body = GreenMailUtil.getBody(mail.getReceivedMessages()[mails]).replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://[^\\s\"<>]*action-token[^\\s\"<>]*)")
                .matcher(body);
        assertThat(link.find()).isTrue();
        BrowserLogin.Page next = forgot.get(link.group(1));
        String proceed = BrowserLogin.link(next, "login-actions/action-token");
        if (next.formId() == null && proceed != null) {
            next = forgot.get(proceed);
        }
        assertThat(next.formId()).as(next.describe()).isEqualTo("kc-passwd-update-form");
        BrowserLogin.Page weakForgot = forgot.submit(next, Map.of("password-new", "nodigits-here",
                "password-confirm", "nodigits-here"));
        assertThat(weakForgot.body()).contains("must contain at least 1 numerical digit");
        assertThat(hashOf("gen_5")).isEqualTo(beforeForgot);
    }

    @Test
    @DisplayName("MIGRATE: a weak new password is refused before the user is migrated; a good one migrates the user")
    void newPasswordWhenMigrateAndWeakThenUserStaysLinked() {
        ItRealm realm = realm("policy-m", Map.of("passwordPolicy", POLICY));
        String c = component(realm, "MIGRATE", Map.of());
        String id = user(realm, "gen_6").path("id").asText();

        Http.Response weak = keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "abc", "temporary", false));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(user(realm, "gen_6").path("federationLink").asText()).as("still the legacy table's").isEqualTo(c);
        assertThat(keycloak.admin().get("/" + realm.name() + "/users/" + id + "/credentials").toString())
                .as("no Keycloak password was stored").doesNotContain("argon2");
        assertThat(realm.login("gen_6", "abc").status()).isEqualTo(400);

        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", "Good-long-pass-6", "temporary", false)).expect(204);

        assertThat(user(realm, "gen_6").has("federationLink")).as("migrated by the new password").isFalse();
        assertThat(sub(realm, "gen_6", "Good-long-pass-6")).as("the permanent id, not the list's f: id " + id)
                .isEqualTo(LegacyIdentity.keycloakId(c, legacyId("gen_6")));
        assertThat(realm.login("gen_6", "pw-gen-6").status()).as("the legacy password is gone").isEqualTo(400);
    }

    // ------------------------------------------------------------------ counts

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"READ_ONLY", "MIGRATE", "MIGRATE+column"})
    @DisplayName("counts, pages and searches agree, before and after users are imported or migrated")
    void countWhenUsersImportedOrMigratedThenEqualsTheList(String setup) {
        ItRealm realm = realm("count", Map.of());
        String mode = setup.startsWith("MIGRATE") ? "MIGRATE" : "READ_ONLY";
        String c = component(realm, mode, setup.endsWith("column") ? Map.of("migratedColumn", "migrated") : Map.of());
        int rows = (int) postgres.queryLong("SELECT count(*) FROM auth_user");

        assertAgree(realm, rows);
        for (String name : List.of("johndoe", "gen_0", "gen_4", "gen_8", "u_django_argon2")) {
            sub(realm, name, name.startsWith("gen_") ? "pw-" + name.replace('_', '-') : "secret");
        }
        assertAgree(realm, rows);
        if (mode.equals("MIGRATE")) {
            bulkMigrate(realm, c);
            assertAgree(realm, rows);
        }
        String term = "gen_1";
        int expected = (int) postgres.queryLong("SELECT count(*) FROM auth_user WHERE username LIKE 'gen\\_1%' "
                + "OR email LIKE 'gen\\_1%'");
        assertThat(count(realm, Map.of("search", term))).isEqualTo(expected);
        assertThat(list(realm, Map.of("search", term), 3)).hasSize(expected);
    }

    private static void assertAgree(ItRealm realm, int rows) {
        assertThat(count(realm, Map.of())).as("GET /users/count").isEqualTo(rows);
        List<String> listed = list(realm, Map.of("search", "*"), 7);
        assertThat(listed).as("every page of 7").hasSize(rows);
        assertThat(new HashSet<>(listed)).as("no person twice (ids)").hasSize(rows);
        assertThat(count(realm, Map.of("search", "u_django"))).isEqualTo(list(realm, Map.of("search", "u_django"), 4)
                .size());
    }

    private static int count(ItRealm realm, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=').append(v));
        return Integer.parseInt(keycloak.admin().call("GET", "/" + realm.name() + "/users/count" + query, null)
                .expect(200).body().trim());
    }

    /** User ids of every page, fetched {@code pageSize} at a time as the console does. */
    private static List<String> list(ItRealm realm, Map<String, String> params, int pageSize) {
        List<String> names = new ArrayList<>();
        for (int first = 0; ; first += pageSize) {
            Map<String, Object> page = new HashMap<>(params);
            page.put("first", first);
            page.put("max", pageSize);
            page.put("briefRepresentation", true);
            List<JsonNode> users = keycloak.admin().findUsers(realm.name(), page);
            users.forEach(u -> names.add(u.path("id").asText()));
            if (users.size() < pageSize) {
                return names;
            }
        }
    }

    // ------------------------------------------------------------------ empty names

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"READ_ONLY", "WRITABLE", "MIGRATE"})
    @DisplayName("users with empty names log in with the password grant and the browser in every mode, on a realm at "
            + "Keycloak's defaults")
    void loginWhenNamesEmptyThenNoDeadEnd(String mode) {
        ItRealm realm = realm("blank", Map.of());
        component(realm, mode, Map.of());
        assertThat(postgres.queryString("SELECT first_name || last_name FROM auth_user WHERE username = 'gen_0'"))
                .isEmpty();

        for (int attempt = 0; attempt < 2; attempt++) { // in MIGRATE the second login is Keycloak's own
            TokenClient.TokenResponse token = realm.login("gen_0", "pw-gen-0");
            assertThat(token.status()).as(mode + " attempt " + attempt + ": " + token).isEqualTo(200);
            BrowserLogin.Page page = new BrowserLogin().login(keycloak.baseUrl(), realm.name(), "web",
                    "http://localhost/cb", "gen_0", "pw-gen-0");
            assertThat(page.redirectsTo("http://localhost/cb")).as(mode + " browser: " + page.describe()).isTrue();
        }
    }

}
