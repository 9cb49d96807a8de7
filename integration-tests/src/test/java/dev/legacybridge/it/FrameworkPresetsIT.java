package dev.legacybridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.Outcome;
import dev.legacybridge.hash.SchemeConfiguration;
import dev.legacybridge.stack.DemoRealm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Every framework preset over its framework's own tables, with the column types the framework creates
 * ({@link FrameworkTables}), in one realm with one WRITABLE component per preset: WordPress and Drupal 7 on MariaDB,
 * ASP.NET Core Identity and Spring's {@code JdbcUserDetailsManager} on PostgreSQL, Laravel and Devise on SQLite (the
 * defaults of new Laravel and Rails apps). Only the preset, the connection and (Devise) the pepper are configured; the
 * tables, columns, roles and write-back format are the presets'. Stored hashes are cases of the shared vector files,
 * made by the frameworks' own code; Devise's is a bcrypt over password and pepper.
 *
 * <p>What the provider writes back is checked with this project's verifier, with Spring Security's own
 * {@code DelegatingPasswordEncoder}, and, where {@code php} is on the PATH, by the PHP applications' own checks
 * ({@link PhpCheck}).
 */
@DisplayName("Given one component per framework preset over the framework's own tables")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrameworkPresetsIT {

    /** Devise's {@code config.pepper} of the test app (from the vault in Keycloak). */
    static final String DEVISE_PEPPER = "5f2b9c0e7d41a3e8pepper";
    static final String DEVISE_PASSWORD = "Rails-devise-1";
    /**
     * What Devise 4 stores for {@link #DEVISE_PASSWORD} with that pepper ({@code Devise::Encryptor.digest}: bcrypt-ruby
     * over password + pepper, {@code $2a$}): made with PHP 8.2's {@code crypt()} over the same bytes and a {@code $2a$10$}
     * salt, the same bcrypt.
     */
    static final String DEVISE_HASH = "$2a$10$VkD9t32Ol0EblW1IeTORZO8Z0OqW2S8t9nx6BBmWFLPkMunK0Grxy";

    /** Realm roles, so that the framework roles of these names reach tokens ("roles when they exist"). */
    private static final List<String> REALM_ROLES = List.of("administrator", "editor", "Admin", "ROLE_ADMIN",
            "ROLE_USER");

    private KeycloakEnvironment keycloak;
    private MariaDb4jLegacyDatabase mariadb;
    private EmbeddedPostgresLegacyDatabase postgres;
    private SqliteLegacyDatabase laravel;
    private SqliteLegacyDatabase devise;
    private ItRealm realm;
    private Path pepperSecret;
    private final Map<String, String> components = new LinkedHashMap<>();

    /** One legacy user: where it lives, how it logs in, and the roles its framework gives it. */
    record Login(String preset, String username, String password, List<String> roles, List<String> notRoles) {
        @Override
        public String toString() {
            return preset + " " + username;
        }
    }

    private static HashVectors.Case more(String id) {
        return HashVectors.byId(HashVectors.MORE, id);
    }

    private static final HashVectors.Case WP_PHPASS = more("phpass-wordpress-P-accent");
    private static final HashVectors.Case WP_BCRYPT = more("wordpress68-bcrypt-0");
    private static final HashVectors.Case DRUPAL_S = more("drupal7-S-words");
    private static final HashVectors.Case DRUPAL_US = more("drupal7-U-S-plain");
    private static final HashVectors.Case ASPNET_V3 = more("aspnet-identity-v3-sha512-100000iter-128salt-256subkey");
    private static final HashVectors.Case ASPNET_V3_CHEAP = more("aspnet-identity-v3-sha512-50iter-128salt-128subkey");
    private static final HashVectors.Case ASPNET_V2 = more("aspnet-identity-v2-sha1-1000iter-128salt-256subkey");
    private static final HashVectors.Case SPRING_BCRYPT = more("spring-delegating-default-bcrypt-v5-plain");
    private static final HashVectors.Case SPRING_BCRYPT_2Y = more("spring-delegating-bcrypt-2y-4-words");
    private static final HashVectors.Case PHP_BCRYPT = more("php-bcrypt-cost10-symbols");
    private static final HashVectors.Case PHP_BCRYPT_CHEAP = more("php-bcrypt-cost6-accent");

    @BeforeAll
    void setUp() {
        keycloak = SharedKeycloak.get();
        mariadb = MariaDb4jLegacyDatabase.createEmpty(ItSettings.workDir().resolve("mariadb-presets"));
        postgres = EmbeddedPostgresLegacyDatabase.createEmpty(ItSettings.workDir().resolve("pg-presets"));
        laravel = SqliteLegacyDatabase.createEmpty(ItSettings.workDir().resolve("legacy/presets-laravel.sqlite3"));
        devise = SqliteLegacyDatabase.createEmpty(ItSettings.workDir().resolve("legacy/presets-devise.sqlite3"));
        wordpressRows();
        drupalRows();
        aspnetRows();
        springRows();
        laravelRows();
        deviseRows();

        List<Map<String, String>> roles = REALM_ROLES.stream().map(r -> Map.of("name", r)).toList();
        // Without brute-force detection: Keycloak's blocking protector refuses a login while the previous one of the
        // same user is still being recorded (see MigrateOnLoginIT), which a wrong-then-right pair here would race.
        realm = ItRealm.create(keycloak, "presets", Map.of("roles", Map.of("realm", roles),
                "bruteForceProtected", false)).withOptionalNamesAndEmail();
        pepperSecret = DistributionKeycloak.vaultDir().resolve(realm.name() + "_devisepepper");
        try {
            Files.writeString(pepperSecret, DEVISE_PEPPER, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Lookups of a username not yet in Keycloak ask the components in priority order; the cheap ones first.
        component("spring_jdbc", postgres, 0, Map.of());
        component("wordpress", mariadb, 1, Map.of());
        component("drupal7", mariadb, 2, Map.of());
        component("laravel", laravel, 3, Map.of());
        component("devise", devise, 4, Map.of("formatSettings", "bcrypt_pepper=${vault.devisepepper}"));
        component("aspnet_identity", postgres, 5, Map.of());
    }

    private void component(String preset, LegacyDatabase database, int priority, Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(database.componentConfig(keycloak));
        config.put("schemaPreset", preset);
        config.put("editMode", "WRITABLE");
        config.put("priority", String.valueOf(priority));
        config.putAll(extra);
        components.put(preset, keycloak.admin().createUserStorageComponent(realm.name(), "legacy-" + preset,
                DemoRealm.LEGACY_PROVIDER_ID, config));
    }

    @AfterAll
    void tearDown() throws IOException {
        if (realm != null) {
            realm.close();
        }
        if (pepperSecret != null) {
            Files.deleteIfExists(pepperSecret);
        }
        if (mariadb != null) {
            mariadb.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // ------------------------------------------------------------------ rows

    private void wordpressRows() {
        mariadb.executeEach(FrameworkTables.WORDPRESS_MARIADB);
        String insert = "INSERT INTO wp_users (ID, user_login, user_pass, user_nicename, user_email, user_registered, "
                + "display_name) VALUES (?, ?, ?, ?, ?, ?, ?)";
        mariadb.update(insert, 1, "wp-admin", WP_PHPASS.hash(), "wp-admin", "admin@wp.example",
                "2019-04-01 08:00:00", "Site Admin");
        mariadb.update(insert, 2, "wp-editor", WP_BCRYPT.hash(), "wp-editor", "editor@wp.example",
                "2025-05-01 08:00:00", "Editor");
        mariadb.update(insert, 3, "wp-writer", WP_PHPASS.hash(), "wp-writer", "writer@wp.example",
                "2020-01-01 08:00:00", "Writer");
        mariadb.update(insert, 4, "wp-php", WP_PHPASS.hash(), "wp-php", "php@wp.example", "2020-01-01 08:00:00",
                "PHP");
        mariadb.update(insert, 5, "wp-php-phpass", WP_PHPASS.hash(), "wp-php-phpass", "phpass@wp.example",
                "2020-01-01 08:00:00", "PHP phpass");
        String meta = "INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES (?, ?, ?)";
        mariadb.update(meta, 1, "wp_capabilities", "a:1:{s:13:\"administrator\";b:1;}");
        mariadb.update(meta, 1, "wp_user_level", "10");
        mariadb.update(meta, 1, "nickname", "a:1:{s:6:\"editor\";b:1;}"); // not the capabilities row
        mariadb.update(meta, 2, "wp_capabilities", "a:2:{s:6:\"editor\";b:1;s:6:\"author\";b:0;}");
        mariadb.update(meta, 3, "wp_capabilities", "a:1:{s:10:\"subscriber\";b:1;}");
    }

    private void drupalRows() {
        mariadb.executeEach(FrameworkTables.DRUPAL7_MARIADB);
        mariadb.executeEach("INSERT INTO role (rid, name, weight) VALUES (4, 'editor', 3)");
        String insert = "INSERT INTO users (uid, name, pass, mail, created, access, login, status, init) "
                + "VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)";
        mariadb.update(insert, 1, "drupal-admin", DRUPAL_S.hash(), "admin@drupal.example", 1_300_000_000, 1,
                "admin@drupal.example");
        // U$S$: a Drupal 6 md5 hash rehashed by Drupal 7's update (user_update_7000).
        mariadb.update(insert, 2, "drupal-legacy", DRUPAL_US.hash(), "legacy@drupal.example", 1_200_000_000, 1,
                "legacy@drupal.example");
        mariadb.update(insert, 3, "drupal-blocked", DRUPAL_S.hash(), "blocked@drupal.example", 1_300_000_100, 0,
                "blocked@drupal.example");
        mariadb.update(insert, 4, "drupal-writer", DRUPAL_S.hash(), "writer@drupal.example", 1_300_000_200, 1,
                "writer@drupal.example");
        mariadb.update(insert, 5, "drupal-php", DRUPAL_S.hash(), "php@drupal.example", 1_300_000_300, 1,
                "php@drupal.example");
        mariadb.executeEach("INSERT INTO users_roles (uid, rid) VALUES (1, 3), (2, 4)");
    }

    private void aspnetRows() {
        postgres.executeEach(FrameworkTables.ASPNET_IDENTITY_POSTGRES);
        postgres.executeEach("INSERT INTO \"AspNetRoles\" VALUES ('2c1f0f2a-0000-4000-8000-000000000001', 'Admin', "
                + "'ADMIN', 'c1'), ('2c1f0f2a-0000-4000-8000-000000000002', 'Reader', 'READER', 'c2')");
        aspnetUser("8e445865-a24d-4543-a6c6-9443d048cdb9", "aspnet-ada", "ada@aspnet.example", ASPNET_V3.hash(), null);
        aspnetUser("8e445865-a24d-4543-a6c6-9443d048cdb8", "aspnet-v2", "v2@aspnet.example", ASPNET_V2.hash(), null);
        aspnetUser("8e445865-a24d-4543-a6c6-9443d048cdb7", "aspnet-locked", "locked@aspnet.example",
                ASPNET_V3_CHEAP.hash(), Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
        aspnetUser("8e445865-a24d-4543-a6c6-9443d048cdb6", "aspnet-writer", "writer@aspnet.example",
                ASPNET_V3_CHEAP.hash(), null);
        aspnetUser("8e445865-a24d-4543-a6c6-9443d048cdb5", "aspnet-php", "php@aspnet.example",
                ASPNET_V3_CHEAP.hash(), null);
        postgres.executeEach("INSERT INTO \"AspNetUserRoles\" VALUES ('8e445865-a24d-4543-a6c6-9443d048cdb9', "
                + "'2c1f0f2a-0000-4000-8000-000000000001'), ('8e445865-a24d-4543-a6c6-9443d048cdb8', "
                + "'2c1f0f2a-0000-4000-8000-000000000002')");
    }

    private void aspnetUser(String id, String userName, String email, String hash, Timestamp lockoutEnd) {
        postgres.update("INSERT INTO \"AspNetUsers\" (\"Id\", \"UserName\", \"NormalizedUserName\", \"Email\", "
                + "\"NormalizedEmail\", \"EmailConfirmed\", \"PasswordHash\", \"SecurityStamp\", \"ConcurrencyStamp\", "
                + "\"PhoneNumberConfirmed\", \"TwoFactorEnabled\", \"LockoutEnd\", \"LockoutEnabled\", "
                + "\"AccessFailedCount\") VALUES (?, ?, ?, ?, ?, TRUE, ?, 'S', 'C', FALSE, FALSE, ?, TRUE, ?)",
                id, userName, userName.toUpperCase(java.util.Locale.ROOT), email,
                email.toUpperCase(java.util.Locale.ROOT), hash, lockoutEnd, lockoutEnd == null ? 0 : 5);
    }

    private void springRows() {
        postgres.executeEach(FrameworkTables.SPRING_JDBC_POSTGRES);
        String insert = "INSERT INTO users (username, password, enabled) VALUES (?, ?, ?)";
        postgres.update(insert, "spring-admin", SPRING_BCRYPT.hash(), true);
        postgres.update(insert, "spring-user", SPRING_BCRYPT_2Y.hash(), true);
        postgres.update(insert, "spring-disabled", SPRING_BCRYPT_2Y.hash(), false);
        postgres.update(insert, "spring-writer", SPRING_BCRYPT_2Y.hash(), true);
        postgres.executeEach("INSERT INTO authorities VALUES ('spring-admin', 'ROLE_ADMIN'), "
                + "('spring-admin', 'ROLE_USER'), ('spring-user', 'ROLE_USER'), ('spring-disabled', 'ROLE_USER')");
    }

    private void laravelRows() {
        laravel.executeEach(FrameworkTables.LARAVEL_SQLITE);
        String insert = "INSERT INTO users (name, email, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
        laravel.update(insert, "Taylor", "taylor@laravel.example", PHP_BCRYPT.hash(), "2024-05-01 10:00:00",
                "2024-05-01 10:00:00");
        laravel.update(insert, "Writer", "writer@laravel.example", PHP_BCRYPT_CHEAP.hash(), "2024-05-02 10:00:00",
                "2024-05-02 10:00:00");
        laravel.update(insert, "PHP", "php@laravel.example", PHP_BCRYPT_CHEAP.hash(), "2024-05-03 10:00:00",
                "2024-05-03 10:00:00");
    }

    private void deviseRows() {
        devise.executeEach(FrameworkTables.DEVISE_SQLITE);
        String insert = "INSERT INTO users (email, encrypted_password, created_at, updated_at) VALUES (?, ?, ?, ?)";
        for (String email : List.of("devise-user@example.com", "writer@devise.example", "php@devise.example")) {
            devise.update(insert, email, DEVISE_HASH, "2023-02-01 09:00:00.000000", "2023-02-01 09:00:00.000000");
        }
    }

    // ------------------------------------------------------------------ logins and roles

    static Stream<Login> logins() {
        return Stream.of(
                new Login("wordpress", "wp-admin", WP_PHPASS.password(), List.of("administrator"),
                        List.of("editor")),
                new Login("wordpress", "wp-editor", WP_BCRYPT.password(), List.of("editor"),
                        List.of("administrator")),
                new Login("drupal7", "drupal-admin", DRUPAL_S.password(), List.of("administrator"), List.of("editor")),
                new Login("drupal7", "drupal-legacy", DRUPAL_US.password(), List.of("editor"),
                        List.of("administrator")),
                new Login("aspnet_identity", "aspnet-ada", ASPNET_V3.password(), List.of("Admin"), List.of()),
                new Login("aspnet_identity", "aspnet-v2", ASPNET_V2.password(), List.of(), List.of("Admin")),
                new Login("spring_jdbc", "spring-admin", SPRING_BCRYPT.password(), List.of("ROLE_ADMIN", "ROLE_USER"),
                        List.of()),
                new Login("spring_jdbc", "spring-user", SPRING_BCRYPT_2Y.password(), List.of("ROLE_USER"),
                        List.of("ROLE_ADMIN")),
                new Login("laravel", "taylor@laravel.example", PHP_BCRYPT.password(), List.of(), List.of()),
                new Login("devise", "devise-user@example.com", DEVISE_PASSWORD, List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logins")
    @DisplayName("the framework's own hash logs in through the password grant, with the framework's roles as realm "
            + "roles; a wrong password is refused")
    void passwordGrantWhenFrameworkHashThenTokenWithFrameworkRoles(Login login) {
        TokenClient.TokenResponse wrong = realm.login(login.username(), login.password() + "x");
        TokenClient.TokenResponse right = realm.login(login.username(), login.password());

        assertThat(wrong.status()).as(login + " wrong password: " + wrong).isEqualTo(400);
        assertThat(wrong.errorDescription()).isEqualTo("Invalid user credentials");
        assertThat(right.status()).as(login + ": " + right).isEqualTo(200);
        assertThat(right.claims().path("preferred_username").asText()).isEqualTo(login.username());
        assertThat(right.realmRoles()).as(login + " roles").containsAll(login.roles());
        login.notRoles().forEach(role -> assertThat(right.realmRoles()).as(login + " roles").doesNotContain(role));
        JsonNode user = userNamed(login.username());
        assertThat(user.path("federationLink").asText()).as("linked to its preset's component")
                .isEqualTo(components.get(login.preset()));
    }

    @Test
    @DisplayName("WordPress's profile: user_email and user_registered; only the wp_capabilities meta row counts")
    void adminGetUserWhenWordPressThenEmailCreatedAndCapabilitiesOnly() {
        JsonNode admin = keycloak.admin().user(realm.name(), userNamed("wp-admin").path("id").asText());

        assertThat(admin.path("email").asText()).isEqualTo("admin@wp.example");
        assertThat(admin.path("createdTimestamp").asLong()).isEqualTo(Instant.parse("2019-04-01T08:00:00Z")
                .toEpochMilli());
        assertThat(keycloak.admin().userRealmRoles(realm.name(), admin.path("id").asText())).contains("administrator")
                .as("the nickname meta row is not a capability").doesNotContain("editor");
    }

    @Test
    @DisplayName("a disabled row (Spring enabled=false, Drupal status=0) is refused as a disabled account")
    void passwordGrantWhenFrameworkDisabledThenAccountDisabled() {
        for (String[] attempt : new String[][] {{"spring-disabled", SPRING_BCRYPT_2Y.password()},
                {"drupal-blocked", DRUPAL_S.password()}}) {
            TokenClient.TokenResponse response = realm.login(attempt[0], attempt[1]);
            assertThat(response.status()).as(attempt[0]).isEqualTo(400);
            assertThat(response.errorDescription()).as(attempt[0]).isEqualTo("Account disabled");
        }
    }

    @Test
    @DisplayName("Drupal's anonymous row (uid 0, empty name) is nobody: not listed, not counted")
    void adminListWhenDrupalAnonymousRowThenNotAUser() {
        List<JsonNode> all = keycloak.admin().findUsers(realm.name(), Map.of("search", "drupal-", "max", 100));

        assertThat(all).extracting(u -> u.path("username").asText()).contains("drupal-admin")
                .doesNotContain("");
        assertThat(keycloak.admin().findUsers(realm.name(), Map.of("search", "*", "max", 1000)))
                .extracting(u -> u.path("username").asText()).doesNotContain("");
    }

    @Test
    @DisplayName("an ASP.NET Identity user locked out (LockoutEnd in the future) is refused with the right password, "
            + "logs in once LockoutEnd has passed, and is refused again by a new lockout")
    void passwordGrantWhenAspNetLockoutEndInFutureThenRefusedUntilItPasses() {
        String password = ASPNET_V3_CHEAP.password();
        TokenClient.TokenResponse locked = realm.login("aspnet-locked", password);

        // Refused as a wrong password, the answer Keycloak's own brute-force lockout gives: it tells nothing.
        assertThat(locked.status()).as(locked.toString()).isEqualTo(400);
        assertThat(locked.errorDescription()).isEqualTo("Invalid user credentials");

        lockout("aspnet-locked", Instant.now().minusSeconds(60));
        TokenClient.TokenResponse after = realm.login("aspnet-locked", password);
        assertThat(after.status()).as("LockoutEnd has passed: " + after).isEqualTo(200);

        // Keycloak now serves this user from its cache; a new lockout still counts at the next login.
        lockout("aspnet-locked", Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(realm.login("aspnet-locked", password).status()).as("locked again").isEqualTo(400);
        lockout("aspnet-locked", null);
        assertThat(realm.login("aspnet-locked", password).status()).as("LockoutEnd NULL").isEqualTo(200);
    }

    private void lockout(String userName, Instant end) {
        postgres.update("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = ? WHERE \"UserName\" = ?",
                end == null ? null : Timestamp.from(end), userName);
    }

    // ------------------------------------------------------------------ write-back

    /** A WRITABLE preset, the user an admin resets, and what the framework's write-back format looks like. */
    record Written(String preset, String username, String prefix) {
        @Override
        public String toString() {
            return preset;
        }
    }

    static Stream<Written> writtenFormats() {
        return Stream.of(
                new Written("wordpress", "wp-writer", "$wp$2y$10$"),
                new Written("drupal7", "drupal-writer", "$S$D"),
                new Written("aspnet_identity", "aspnet-writer", "AQAAAAIAAYagAAAAE"),
                new Written("spring_jdbc", "spring-writer", "{bcrypt}$2a$10$"),
                new Written("laravel", "writer@laravel.example", "$2y$12$"),
                new Written("devise", "writer@devise.example", "$2b$12$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenFormats")
    @DisplayName("an admin password reset is written into the framework's row in the preset's format; the new "
            + "password logs in, the old one no longer does")
    void resetPasswordWhenWritableThenRowInPresetFormat(Written w) {
        String oldPassword = switch (w.preset()) {
            case "wordpress" -> WP_PHPASS.password();
            case "drupal7" -> DRUPAL_S.password();
            case "aspnet_identity" -> ASPNET_V3_CHEAP.password();
            case "spring_jdbc" -> SPRING_BCRYPT_2Y.password();
            case "laravel" -> PHP_BCRYPT_CHEAP.password();
            default -> DEVISE_PASSWORD;
        };
        String newPassword = "New-" + w.preset() + "-pässwörd-7";

        String hash = reset(w.preset(), w.username(), newPassword);

        assertThat(hash).startsWith(w.prefix());
        LegacyPasswordVerifier verifier = verifierOf(w.preset());
        assertThat(verifier.verify(newPassword, hash).outcome()).isEqualTo(Outcome.MATCH);
        assertThat(verifier.verify(oldPassword, hash).outcome()).isEqualTo(Outcome.MISMATCH);
        if (w.preset().equals("spring_jdbc")) {
            var spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            assertThat(spring.matches(newPassword, hash)).as("Spring Security's DelegatingPasswordEncoder").isTrue();
            assertThat(spring.matches(oldPassword, hash)).isFalse();
        }
        assertThat(realm.login(w.username(), newPassword).status()).isEqualTo(200);
        assertThat(realm.login(w.username(), oldPassword).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("what WRITABLE writes is accepted by the PHP applications' own checks (WordPress 6.8 and phpass, "
            + "Drupal 7, Laravel, Devise's bcrypt with pepper, ASP.NET v3 layout); needs php")
    void resetPasswordWhenWrittenThenPhpApplicationsAcceptIt() {
        assumeTrue(PhpCheck.available(), "php is not on the PATH: the PHP applications' checks are skipped "
                + "(this project's verifier and Spring Security check the same rows in the test above)");
        List<PhpCheck.Check> checks = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        Map<String, String[]> users = new LinkedHashMap<>();
        users.put("wordpress", new String[] {"wp-php", "wordpress", ""});
        users.put("drupal7", new String[] {"drupal-php", "drupal7", ""});
        users.put("laravel", new String[] {"php@laravel.example", "php_bcrypt", ""});
        users.put("devise", new String[] {"php@devise.example", "devise", DEVISE_PEPPER});
        users.put("aspnet_identity", new String[] {"aspnet-php", "aspnet_v3", ""});
        users.forEach((preset, u) -> {
            String password = "Php-" + preset + "-密码 7";
            String hash = reset(preset, u[0], password);
            checks.add(new PhpCheck.Check(u[1], password, u[2], hash));
            expected.add(true);
            checks.add(new PhpCheck.Check(u[1], password + "!", u[2], hash));
            expected.add(false);
        });
        // WordPress before 6.8 reads (and its phpass class writes) $P$: the format of older installs.
        String wordpress = components.get("wordpress");
        // phpass:13 is WordPress's PasswordHash(8, true): 2^(8+5) rounds, $P$B.
        keycloak.admin().updateComponentConfig(realm.name(), wordpress, Map.of("passwordFormat", "phpass:13"));
        try {
            String hash = reset("wordpress", "wp-php-phpass", "Php-phpass-pässwörd");
            assertThat(hash).startsWith("$P$B");
            checks.add(new PhpCheck.Check("wordpress", "Php-phpass-pässwörd", "", hash));
            expected.add(true);
            checks.add(new PhpCheck.Check("wordpress", "Php-phpass-passwort", "", hash));
            expected.add(false);
        } finally {
            // Back to the preset's format (no passwordFormat set), for the other tests.
            com.fasterxml.jackson.databind.node.ObjectNode rep = (com.fasterxml.jackson.databind.node.ObjectNode)
                    keycloak.admin().component(realm.name(), wordpress);
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("config")).remove("passwordFormat");
            keycloak.admin().updateComponent(realm.name(), wordpress, rep);
        }

        assertThat(PhpCheck.accepts(checks)).as("PHP's answers for %s", checks).isEqualTo(expected);
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the logins whose traces it looks for
    @DisplayName("the server log holds none of these passwords, hashes or the Devise pepper")
    void serverLogWhenPresetsUsedThenNoSecrets() {
        String log = keycloak.serverLog();
        List<String> secrets = new ArrayList<>(List.of(DEVISE_PEPPER, DEVISE_HASH, DEVISE_PASSWORD));
        for (HashVectors.Case c : List.of(WP_PHPASS, WP_BCRYPT, DRUPAL_S, DRUPAL_US, ASPNET_V3, ASPNET_V3_CHEAP,
                ASPNET_V2, SPRING_BCRYPT, SPRING_BCRYPT_2Y, PHP_BCRYPT, PHP_BCRYPT_CHEAP)) {
            secrets.add(c.hash());
            if (c.password().length() >= 10) { // shorter ones ("password") are words a log may hold anyway
                secrets.add(c.password());
            }
        }
        for (String secret : secrets) {
            assertThat(log).as("the log must not contain a password, hash or pepper").doesNotContain(secret);
        }
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode userNamed(String username) {
        List<JsonNode> found = keycloak.admin().findUsers(realm.name(), Map.of("username", username, "exact", "true"));
        assertThat(found).as("users named " + username).hasSize(1);
        return found.get(0);
    }

    /** Admin reset of {@code username}'s password; returns what the preset's table then holds. */
    private String reset(String preset, String username, String password) {
        String id = userNamed(username).path("id").asText();
        keycloak.admin().call("PUT", "/" + realm.name() + "/users/" + id + "/reset-password",
                Map.of("type", "password", "value", password, "temporary", false)).expect(204);
        return switch (preset) {
            case "wordpress" -> mariadb.queryValue("SELECT user_pass FROM wp_users WHERE user_login = ?", username);
            case "drupal7" -> mariadb.queryValue("SELECT pass FROM users WHERE name = ?", username);
            case "aspnet_identity" -> postgres.queryValue("SELECT \"PasswordHash\" FROM \"AspNetUsers\" "
                    + "WHERE \"UserName\" = ?", username);
            case "spring_jdbc" -> postgres.queryValue("SELECT password FROM users WHERE username = ?", username);
            case "laravel" -> laravel.queryValue("SELECT password FROM users WHERE email = ?", username);
            case "devise" -> devise.queryValue("SELECT encrypted_password FROM users WHERE email = ?", username);
            default -> throw new IllegalArgumentException(preset);
        };
    }

    private static LegacyPasswordVerifier verifierOf(String preset) {
        SchemeConfiguration configuration = preset.equals("devise")
                ? SchemeConfiguration.none().withBcryptPepper(DEVISE_PEPPER) : SchemeConfiguration.none();
        return new LegacyPasswordVerifier(HashPolicy.defaults(), configuration);
    }
}
