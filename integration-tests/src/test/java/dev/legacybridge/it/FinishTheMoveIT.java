package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.hash.django.DjangoPbkdf2Scheme;
import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.KeycloakDistribution;
import dev.legacybridge.stack.KeycloakServer;
import dev.legacybridge.stack.LegacyDbScripts;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the end state of a migration: a Django table of PBKDF2 and argon2 users with django-otp devices is
 * bulk-migrated (one user migrated by a login first), the admin endpoint says who still needs the provider and why, and
 * Keycloak is restarted WITHOUT the provider jar (the operator's path: delete the component, remove the jars,
 * {@code kc.sh build}, start). Every user then logs in, those with a TOTP device only with the code an authenticator
 * app computes from the legacy key (RFC 6238, {@link Totp}), in the browser and in the password grant.
 *
 * <p>Keycloak here is a copy of the distribution of its own (as in {@link OperatorOptionsIT}), with its H2 database
 * kept across the restart. The TOTP keys are stored encrypted (Fernet), their key in Keycloak's file vault.
 */
@DisplayName("Given a Django table of PBKDF2 and argon2 users with django-otp devices, migrated in bulk")
class FinishTheMoveIT {

    private static final String REALM = "finish";
    private static final String CLIENT = "finish-app";
    private static final String REDIRECT = "http://127.0.0.1/callback";
    private static final String FERNET_KEY = Base64.getUrlEncoder().encodeToString(random(32));
    /** The TOTP keys of the two users with a confirmed device (django-otp's default: 20 random bytes). */
    private static final byte[] KEY_BULK = random(20);
    private static final byte[] KEY_LOGIN = random(20);
    private static final List<String> STATIC_TOKENS = List.of("h4k8p2m9", "q7w3e6r1");

    /** Users kept in the table, with their passwords (seeded vectors, and two made here). */
    private static final Map<String, String> USERS = new TreeMap<>(Map.of(
            "u_django_pbkdf2_sha256", "secret",
            "u_django_pbkdf2_sha1", "secret",
            "u_django_argon2", "secret",
            "u_pbkdf2_sha256", "secret",
            "u_pbkdf2_sha512", "hashsecret",
            "u_argon2", "correct horse battery staple",
            "u_werkzeug_pbkdf2", "hashsecret",
            "u_short", "ab",
            "u_unicode", "pässwört 日本"));
    private static final String WITH_TOTP = "u_django_pbkdf2_sha256";
    private static final String MIGRATED_AT_LOGIN = "u_pbkdf2_sha256";
    private static final String UNCONFIRMED_DEVICE = "u_django_argon2";
    private static final String BCRYPT_USER = "johndoe";

    private static EmbeddedPostgresLegacyDatabase postgres;
    private static KeycloakDistribution dist;
    private static Path vaultDir;

    @BeforeAll
    static void setUp() throws Exception {
        Path work = ItSettings.workDir().resolve("finish-the-move");
        postgres = EmbeddedPostgresLegacyDatabase.createSeeded(work.resolve("pg"), true);
        postgres.execute(LegacyDbScripts.djangoOtpSchemaPostgresql());
        // A Fernet token of a 40-character hex key is 140 characters: an app that encrypts keys widens the column in
        // its own migration (django-otp's 80 fits only plain hex).
        postgres.execute("ALTER TABLE otp_totp_totpdevice ALTER COLUMN key TYPE varchar(255);");
        List<String> keep = new ArrayList<>(USERS.keySet());
        keep.add(BCRYPT_USER);
        String kept = "'" + String.join("', '", keep) + "'";
        postgres.execute("DELETE FROM auth_user_groups WHERE user_id IN (SELECT id FROM auth_user WHERE username NOT IN ("
                + kept + "));");
        postgres.execute("DELETE FROM auth_user WHERE username NOT IN (" + kept + ");");
        for (String user : List.of("u_short", "u_unicode")) {
            String hash = DjangoPbkdf2Scheme.encode(USERS.get(user).getBytes(StandardCharsets.UTF_8),
                    "s" + user.substring(2) + "Salt", 600_000);
            postgres.execute("INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                    + "is_staff, is_active, date_joined) VALUES ('" + hash + "', FALSE, '" + user + "', 'Made', 'Here', '"
                    + user + "@example.org', FALSE, TRUE, now());");
        }
        device(WITH_TOTP, "phone", true, KEY_BULK);
        device(MIGRATED_AT_LOGIN, "tablet", true, KEY_LOGIN);
        device(UNCONFIRMED_DEVICE, "abandoned", false, random(20));
        postgres.execute("INSERT INTO otp_static_staticdevice (name, confirmed, user_id, throttling_failure_count) "
                + "SELECT 'backup', TRUE, id, 0 FROM auth_user WHERE username = '" + WITH_TOTP + "';");
        for (String token : STATIC_TOKENS) {
            postgres.execute("INSERT INTO otp_static_statictoken (token, device_id) SELECT '" + token + "', d.id FROM "
                    + "otp_static_staticdevice d JOIN auth_user u ON u.id = d.user_id WHERE u.username = '" + WITH_TOTP
                    + "';");
        }
        vaultDir = Files.createDirectories(work.resolve("vault"));
        Files.writeString(vaultDir.resolve(REALM + "_otpkey"), FERNET_KEY);
        dist = KeycloakDistribution.unpack(ItSettings.distZip(), ItSettings.workDir().resolve("keycloak-finish"));
        dist.installProviders(KeycloakDistribution.jarsIn(ItSettings.providersDir()));
        dist.resetData();
        dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5));
    }

    @AfterAll
    static void tearDown() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A django-otp TOTP device whose hex key is stored as a Fernet token, as an encrypting OTP_ENCRYPTION_OBJECT does. */
    private static void device(String username, String name, boolean confirmed, byte[] key) throws Exception {
        String stored = fernet(HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
        postgres.execute("INSERT INTO otp_totp_totpdevice (name, confirmed, key, step, t0, digits, tolerance, drift, "
                + "last_t, user_id, throttling_failure_count) SELECT '" + name + "', " + confirmed + ", '" + stored
                + "', 30, 0, 6, 1, 0, -1, id, 0 FROM auth_user WHERE username = '" + username + "';");
    }

    private static KeycloakServer start(String logName) {
        KeycloakServer.Options options = KeycloakServer.Options.of(FreePorts.next(), FreePorts.next(),
                        ItSettings.workDir().resolve("logs").resolve(logName))
                .withAdmin("admin", "admin")
                .withExtraArgs("--vault-dir=" + vaultDir)
                .withReadyTimeout(Duration.ofMinutes(4));
        return dist.start(options, KeycloakDistribution.DEFAULT_BUILD_OPTIONS);
    }

    @Test
    @DisplayName("after the restart without the jar every user logs in, with the legacy TOTP device where it had one")
    void restartWithoutProviderWhenBulkMigratedThenEveryUserLogsInWithTheLegacyAuthenticator() throws Exception {
        String componentId;
        try (KeycloakServer server = start("keycloak-finish-1.log")) {
            AdminClient admin = new AdminClient(server.baseUrl(), "admin", "admin");
            admin.call("POST", "", Map.of("realm", REALM, "enabled", true, "clients", List.of(Map.of(
                    "clientId", CLIENT, "enabled", true, "publicClient", true, "directAccessGrantsEnabled", true,
                    "standardFlowEnabled", true, "redirectUris", List.of(REDIRECT))))).expect(201);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("jdbcUrl", postgres.jdbcUrl());
            config.put("jdbcUser", postgres.username());
            config.put("jdbcPassword", postgres.password());
            config.put("schemaPreset", "django");
            config.put("editMode", "MIGRATE");
            config.put("allowedSchemes", SeededUsers.ALL_SCHEMES);
            config.put("otpSource", "django-otp");
            config.put("otpKeyEncryption", "fernet");
            config.put("otpKeyEncryptionKey", "${vault.otpkey}");
            componentId = admin.createUserStorageComponent(REALM, "legacy-django", "legacy-database", config);
            String base = server.baseUrl();

            // One user is migrated by a login first. The password step migrates it with its device, so the same login
            // already asks for the device's code: a migration never skips a second factor.
            assertThat(grant(base, MIGRATED_AT_LOGIN, USERS.get(MIGRATED_AT_LOGIN), null).status()).isEqualTo(400);
            assertThat(grant(base, MIGRATED_AT_LOGIN, USERS.get(MIGRATED_AT_LOGIN), code(KEY_LOGIN, 0)).status())
                    .isEqualTo(200);
            assertThat(admin.findUsers(REALM, Map.of("username", MIGRATED_AT_LOGIN, "exact", "true")).get(0)
                    .path("federationLink").isMissingNode()).as("migrated on login").isTrue();
            assertThat(grant(base, MIGRATED_AT_LOGIN, USERS.get(MIGRATED_AT_LOGIN), code(KEY_LOGIN, 30)).status())
                    .isEqualTo(200);

            // Bulk migration of the rest.
            long imported = 0;
            String cursor = null;
            boolean done = false;
            while (!done) {
                JsonNode batch = Http.parse(admin.call("POST", "/" + REALM + "/legacy-migration/" + componentId
                        + "/batch?size=4" + (cursor == null ? "" : "&after=" + cursor), null).expect(200).body());
                assertThat(batch.path("failed").asInt()).as(batch.toString()).isZero();
                imported += batch.path("imported").asLong();
                cursor = batch.path("nextCursor").asText();
                done = batch.path("done").asBoolean();
            }
            assertThat(imported).isEqualTo(USERS.size()); // every user but the one migrated at login, plus johndoe

            // Who still needs the provider: johndoe's bcrypt only.
            JsonNode need = status(admin, componentId);
            assertThat(need.path("linkedUsers").asLong()).isZero();
            assertThat(need.path("legacyRowsNotInKeycloak").asLong()).isZero();
            assertThat(need.path("legacyHashCredentialsBySchemes").toString()).isEqualTo("{\"bcrypt\":1}");
            assertThat(need.path("total").asLong()).isEqualTo(1);
            for (String username : USERS.keySet()) {
                if (!username.equals(MIGRATED_AT_LOGIN)) {
                    assertThat(passwordAlgorithm(admin, username)).as(username)
                            .isIn("pbkdf2", "pbkdf2-sha256", "pbkdf2-sha512", "argon2");
                }
            }
            assertThat(passwordAlgorithm(admin, "u_django_pbkdf2_sha1")).isEqualTo("pbkdf2");
            assertThat(passwordAlgorithm(admin, "u_pbkdf2_sha512")).isEqualTo("pbkdf2-sha512");

            // The bcrypt user logs in once: Keycloak rehashes, nobody needs the provider any more.
            assertThat(grant(base, BCRYPT_USER, "secret", null).status()).isEqualTo(200);
            assertThat(status(admin, componentId).path("total").asLong()).isZero();

            // Second factors: the TOTP device and the backup tokens; the unconfirmed device is not carried over.
            JsonNode credentials = credentials(admin, WITH_TOTP);
            assertThat(types(credentials)).containsExactlyInAnyOrder("password", "otp", "recovery-authn-codes");
            assertThat(types(credentials(admin, UNCONFIRMED_DEVICE))).containsExactly("password");
            assertThat(types(credentials(admin, MIGRATED_AT_LOGIN))).containsExactlyInAnyOrder("password", "otp");
            assertThat(label(credentials, "otp")).isEqualTo("phone");
            assertThat(Files.readString(server.logFile())).doesNotContain(HexFormat.of().formatHex(KEY_BULK))
                    .doesNotContain(STATIC_TOKENS.get(0));

            assertThat(browserLogin(base, WITH_TOTP, USERS.get(WITH_TOTP), KEY_BULK)).isTrue();
            admin.deleteComponent(REALM, componentId); // the operator's last step before removing the jar
        }

        // Keycloak without the provider jar (and without the JDBC drivers that came with it).
        dist.installProviders(List.of());
        dist.buildIfNeeded(KeycloakDistribution.DEFAULT_BUILD_OPTIONS, Duration.ofMinutes(5));
        try (KeycloakServer server = start("keycloak-finish-2.log")) {
            try (var jars = Files.list(dist.home().resolve("providers"))) {
                assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))).isEmpty();
            }
            String base = server.baseUrl();
            String log = Files.readString(server.logFile());
            assertThat(log).doesNotContain("legacy-database").doesNotContain("legacy-hash");

            for (Map.Entry<String, String> user : USERS.entrySet()) {
                boolean totp = user.getKey().equals(WITH_TOTP) || user.getKey().equals(MIGRATED_AT_LOGIN);
                byte[] key = user.getKey().equals(WITH_TOTP) ? KEY_BULK : KEY_LOGIN;
                if (totp) {
                    assertThat(grant(base, user.getKey(), user.getValue(), null).status()).as(user.getKey())
                            .isEqualTo(400);
                }
                TokenClient.TokenResponse ok = grant(base, user.getKey(), user.getValue(), totp ? code(key, 0) : null);
                assertThat(ok.status()).as(user.getKey() + ": " + ok.body()).isEqualTo(200);
                assertThat(grant(base, user.getKey(), user.getValue() + "x", totp ? code(key, 30) : null).status())
                        .as(user.getKey()).isNotEqualTo(200);
            }
            assertThat(grant(base, BCRYPT_USER, "secret", null).status()).as("rehashed before the restart")
                    .isEqualTo(200);
            assertThat(browserLogin(base, MIGRATED_AT_LOGIN, USERS.get(MIGRATED_AT_LOGIN), KEY_LOGIN)).isTrue();

            // The backup tokens are Keycloak recovery codes: SHA-512 of the token, in the table's order.
            AdminClient admin = new AdminClient(base, "admin", "admin");
            JsonNode recovery = credential(credentials(admin, WITH_TOTP), "recovery-authn-codes");
            JsonNode codes = Http.parse(recovery.path("secretData").asText("{}")).path("codes");
            if (codes.isArray() && codes.size() > 0) { // secretData is hidden by the REST API in most versions
                assertThat(codes.get(0).path("encodedHashedValue").asText()).isEqualTo(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-512").digest(STATIC_TOKENS.get(0)
                                .getBytes(StandardCharsets.UTF_8))));
            }
            assertThat(Http.parse(recovery.path("credentialData").asText()).path("totalCodes").asInt())
                    .isEqualTo(STATIC_TOKENS.size());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static TokenClient.TokenResponse grant(String base, String username, String password, String totp) {
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", CLIENT,
                "username", username, "password", password));
        if (totp != null) {
            form.put("totp", totp);
        }
        Http.Response r = Http.postForm(base + "/realms/" + REALM + "/protocol/openid-connect/token", form);
        return new TokenClient.TokenResponse(r.status(), r.json());
    }

    /** The browser flow: login form, then the OTP form with the authenticator's current code. */
    private static boolean browserLogin(String base, String username, String password, byte[] key) {
        BrowserLogin browser = new BrowserLogin();
        BrowserLogin.Page page = browser.login(base, REALM, CLIENT, REDIRECT, username, password);
        assertThat(page.formId()).as(page.describe()).isEqualTo("kc-otp-login-form");
        BrowserLogin.Page wrong = browser.submit(page, Map.of("otp", "000000".equals(code(key, 0)) ? "111111"
                : "000000"));
        assertThat(wrong.formId()).as("a wrong code stays on the OTP form").isEqualTo("kc-otp-login-form");
        BrowserLogin.Page done = browser.submit(wrong, Map.of("otp", code(key, 30)));
        return done.redirectsTo(REDIRECT);
    }

    /** The code of the step {@code offsetSeconds} from now (Keycloak accepts one step either side by default). */
    private static String code(byte[] key, int offsetSeconds) {
        return Totp.code(key, Instant.now().plusSeconds(offsetSeconds));
    }

    private static JsonNode status(AdminClient admin, String componentId) {
        return admin.get("/" + REALM + "/legacy-migration/" + componentId).path("stillNeedProvider");
    }

    private static String userId(AdminClient admin, String username) {
        return admin.findUsers(REALM, Map.of("username", username, "exact", "true")).get(0).path("id").asText();
    }

    private static JsonNode credentials(AdminClient admin, String username) {
        return admin.get("/" + REALM + "/users/" + userId(admin, username) + "/credentials");
    }

    private static JsonNode credential(JsonNode credentials, String type) {
        for (JsonNode c : credentials) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " credential in " + credentials);
    }

    private static String label(JsonNode credentials, String type) {
        return credential(credentials, type).path("userLabel").asText();
    }

    private static List<String> types(JsonNode credentials) {
        List<String> types = new ArrayList<>();
        credentials.forEach(c -> types.add(c.path("type").asText()));
        return types;
    }

    private static String passwordAlgorithm(AdminClient admin, String username) {
        return Http.parse(credential(credentials(admin, username), "password").path("credentialData").asText())
                .path("algorithm").asText();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** A Fernet token, as cryptography.fernet.Fernet(FERNET_KEY).encrypt(plaintext) makes it. */
    private static String fernet(byte[] plaintext) throws Exception {
        byte[] raw = Base64.getUrlDecoder().decode(FERNET_KEY);
        byte[] iv = random(16);
        Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(raw, 16, 32), "AES"), new IvParameterSpec(iv));
        byte[] ciphertext = aes.doFinal(plaintext);
        ByteBuffer body = ByteBuffer.allocate(25 + ciphertext.length).put((byte) 0x80)
                .putLong(Instant.now().getEpochSecond()).put(iv).put(ciphertext);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Arrays.copyOfRange(raw, 0, 16), "HmacSHA256"));
        byte[] signature = mac.doFinal(body.array());
        return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(body.capacity() + 32).put(body.array())
                .put(signature).array());
    }

    @SuppressWarnings("unused")
    private static final Set<String> NATIVE = Set.of("pbkdf2", "pbkdf2-sha256", "pbkdf2-sha512", "argon2");
}
