package dev.legacybridge.keycloak.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.legacybridge.hash.SchemeIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;

class LegacyStoreConfigTest {

    private static MultivaluedHashMap<String, String> config(Map<String, List<String>> values) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        values.forEach(map::put);
        return map;
    }

    @Test
    void fromWhenDjangoPresetWithOnlyUrlThenEveryDjangoNameIsFilledIn() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"))));

        assertThat(config.schema().usersTable()).isEqualTo("auth_user");
        assertThat(config.schema().userColumns()).containsExactly("id", "username", "password", "email", "first_name",
                "last_name", "is_active", "date_joined", "is_superuser", "is_staff");
        assertThat(config.schema().groups().groupsTable()).isEqualTo("auth_group");
        assertThat(config.roleMappings()).containsExactly(Map.entry("is_superuser", "admin"), Map.entry("is_staff", "staff"));
        assertThat(config.editMode()).isEqualTo(LegacyEditMode.READ_ONLY);
        assertThat(config.usernameCase()).isEqualTo(UsernameCase.INSENSITIVE);
        assertThat(config.hashPolicy().allows(SchemeIds.BCRYPT)).isTrue();
        assertThat(config.hashPolicy().allows(SchemeIds.DJANGO_MD5)).isFalse();
        assertThat(config.passwordFormat().scheme()).isEqualTo(SchemeIds.DJANGO_PBKDF2_SHA256);
        assertThat(config.passwordFormat().cost()).isEqualTo(1_000_000);
    }

    @Test
    void fromWhenGenericPresetWithoutColumnsThenEveryMissingFieldIsNamed() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:postgresql://db/app"), "schemaPreset", List.of("generic")))))
                .isInstanceOf(LegacyStoreConfig.InvalidConfigException.class)
                .hasMessageContaining("Users table is required with the generic preset")
                .hasMessageContaining("Id column is required")
                .hasMessageContaining("Username column is required")
                .hasMessageContaining("Password hash column is required");
    }

    @Test
    void fromWhenTableNameIsInjectedThenRejectedWithTheFieldName() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:postgresql://db/app"),
                "usersTable", List.of("auth_user; DROP TABLE auth_user; --")))))
                .hasMessageContaining("Users table must be a plain SQL identifier")
                .hasMessageContaining("got 'auth_user; DROP TABLE auth_user; --'");
    }

    @Test
    void fromWhenValuesOutOfRangeThenAllProblemsReportedTogether() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of(
                "poolMaxSize", List.of("0"),
                "queryTimeoutSeconds", List.of("abc"),
                "editMode", List.of("SOMETIMES"),
                "allowedSchemes", List.of("bcrypt##rot13"),
                "roleMappings", List.of("is_superuser"),
                "passwordFormat", List.of("md5:1")))))
                .isInstanceOfSatisfying(LegacyStoreConfig.InvalidConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.equals("JDBC URL is required"))
                        .anyMatch(p -> p.startsWith("Connection pool size must be between 1 and 500"))
                        .anyMatch(p -> p.startsWith("Query timeout must be a whole number"))
                        .anyMatch(p -> p.startsWith("Mode must be one of READ_ONLY, WRITABLE, MIGRATE"))
                        .anyMatch(p -> p.startsWith("Allowed hash schemes: unknown scheme 'rot13'"))
                        .anyMatch(p -> p.startsWith("Role flag mappings must look like column:role"))
                        .anyMatch(p -> p.startsWith("Legacy password format:")));
    }

    @Test
    void fromWhenHashPolicyConfiguredThenReadByTheSharedParserWithTheNewCapsAndFamilies() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"),
                "allowedSchemes", List.of("wordpress##drupal7"), "maxPhpassCost", List.of("19"),
                "maxDrupal7Cost", List.of("16"))));

        assertThat(config.hashPolicy().allowedSchemes()).containsExactlyInAnyOrder(SchemeIds.WORDPRESS_BCRYPT,
                SchemeIds.PHPASS, SchemeIds.BCRYPT, SchemeIds.DRUPAL7);
        assertThat(config.hashPolicy().limits().maxPhpassCost()).isEqualTo(19);
        assertThat(config.hashPolicy().limits().maxDrupal7Cost()).isEqualTo(16);
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"),
                "maxPhpassCost", List.of("31"), "maxDrupal7Cost", List.of("x")))))
                .isInstanceOfSatisfying(LegacyStoreConfig.InvalidConfigException.class, e -> assertThat(e.problems())
                        .contains("Max phpass cost must be between 7 and 30, got 31",
                                "Max Drupal 7 cost must be a whole number, got 'x'"));
    }

    @Test
    void fromWhenGroupMappingIncompleteThenRejected() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:postgresql://db/app"), "schemaPreset", List.of("generic"),
                "usersTable", List.of("users"), "idColumn", List.of("id"), "usernameColumn", List.of("login"),
                "passwordColumn", List.of("pw_hash"), "groupsTable", List.of("roles")))))
                .hasMessageContaining("Group mapping is incomplete");
    }

    @Test
    void fromWhenUpgradeOnLoginOutsideWritableThenRejected() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:sqlite:x"), "upgradeOnLogin", List.of("true")))))
                .hasMessageContaining("needs Mode WRITABLE");
    }

    @Test
    void fromWhenWritableWithUpgradeThenPolicyCarriesTheTarget() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:sqlite:x"), "editMode", List.of("WRITABLE"), "upgradeOnLogin", List.of("true"),
                "passwordFormat", List.of("bcrypt:12"),
                "allowedSchemes", List.of(SchemeIds.BCRYPT, SchemeIds.DJANGO_MD5))));

        assertThat(config.hashPolicy().upgradeTarget()).hasValueSatisfying(t -> assertThat(t.scheme()).isEqualTo("bcrypt"));
        assertThat(config.hashPolicy().allowedSchemes()).containsExactlyInAnyOrder(SchemeIds.BCRYPT, SchemeIds.DJANGO_MD5);
    }

    @Test
    void toStringWhenPasswordSetThenMasked() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of(
                "jdbcUrl", List.of("jdbc:postgresql://db/app?user=u&password=hunter2"),
                "jdbcPassword", List.of("s3cret-value"))));

        assertThat(config.toString()).doesNotContain("s3cret-value").doesNotContain("hunter2").contains("**********");
        assertThat(dev.legacybridge.store.jdbc.JdbcUrlPolicy.mask("jdbc:mysql://u:pw@db/app")).isEqualTo("jdbc:mysql://u:****@db/app");
    }

    @Test
    void fromWhenFinishingTheMoveOptionsSetThenReadWithDefaults() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db"),
                "editMode", List.of("MIGRATE"), "otpSource", List.of("django-otp"), "otpKeyEncryption",
                List.of("fernet"), "otpKeyEncryptionKey", List.of("${vault.otpkey}"), "changedAtColumn",
                List.of("updated_at"), "syncMigratedUsers", List.of("true"), "syncIgnore",
                List.of("lastName##groups"))));

        assertThat(config.nativeCredentials()).isTrue();
        assertThat(config.otp().totpTable()).isEqualTo("otp_totp_totpdevice");
        assertThat(config.otpKeyEncryption()).isEqualTo("fernet");
        assertThat(config.changedAtColumn()).isEqualTo("updated_at");
        assertThat(config.sync().enabled()).isTrue();
        assertThat(config.sync().addOnly()).isTrue();
        assertThat(config.sync().changes("lastName")).isFalse();
        assertThat(config.sync().changes("firstName")).isTrue();
        assertThat(config.toString()).doesNotContain("vault.otpkey");
    }

    @Test
    void fromWhenFinishingTheMoveOptionsContradictTheModeThenEachProblemNamed() {
        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db"),
                "otpSource", List.of("django-otp"), "otpKeyEncryption", List.of("fernet"), "syncMigratedUsers",
                List.of("true"), "syncIgnore", List.of("password"), "syncRegistrations", List.of("true"),
                "changedAtColumn", List.of("x y")))))
                .isInstanceOf(LegacyStoreConfig.InvalidConfigException.class)
                .hasMessageContaining("TOTP key encryption fernet needs the TOTP key encryption key")
                .hasMessageContaining("Second factors are carried over when users are migrated: set Mode to MIGRATE")
                .hasMessageContaining("Keep migrated users in step needs Mode MIGRATE")
                .hasMessageContaining("Sync leaves alone: unknown field 'password'")
                .hasMessageContaining("Sync registrations needs Mode WRITABLE")
                .hasMessageContaining("Changed-at column must be a plain SQL identifier");
    }

    @Test
    void fromWhenFrameworkPresetThenItsWriteBackFormatAndProfileDefaults() {
        LegacyStoreConfig wordpress = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:mariadb://db/wp"),
                "schemaPreset", List.of("wordpress"), "legacyGroupsAs", List.of("preset"))));
        LegacyStoreConfig aspnet = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:postgresql://db/app"),
                "schemaPreset", List.of("aspnet_identity"), "passwordFormat", List.of("aspnet_identity_v3:210000"))));

        assertThat(wordpress.passwordFormat()).hasToString("wordpress_bcrypt:10");
        assertThat(wordpress.legacyGroupsAs()).isEqualTo(LegacyGroupsAs.ROLES);
        assertThat(wordpress.optionalProfileFields()).isTrue();
        assertThat(aspnet.passwordFormat()).hasToString("aspnet_identity_v3:210000");
        assertThat(aspnet.schema().lockedUntilColumn()).isEqualTo("LockoutEnd");
    }

    @Test
    void fromWhenFormatSettingsThenKeyValuesKeptAndSecretsOnlyAsVaultReferences() {
        LegacyStoreConfig config = LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"),
                "formatSettings", List.of("base64_signer_key=${vault.firebasekey}##rounds=8", "mem_cost = 14"))));
        assertThat(config.formatSettings()).containsExactly(Map.entry("base64_signer_key", "${vault.firebasekey}"),
                Map.entry("rounds", "8"), Map.entry("mem_cost", "14"));

        assertThatThrownBy(() -> LegacyStoreConfig.from(config(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"),
                "formatSettings", List.of("pepper=s3cr3t-in-clear", "recipe", "rounds=8", "rounds=9", "salt=abc")))))
                .isInstanceOfSatisfying(LegacyStoreConfig.InvalidConfigException.class, e -> assertThat(e.problems())
                        .contains("Password format settings: pepper is a secret; put it in Keycloak's vault and write "
                                + "${vault.<key>} here",
                                "Password format settings must be key=value, got 'recipe'",
                                "Password format settings: rounds is set twice",
                                "Password format settings: salt differs per user; map the Salt column instead")
                        .noneMatch(p -> p.contains("s3cr3t")));
    }

    @Test
    void formatSettingsWhenResolvedThenVerifierConfigurationAndSaltColumnRequired() {
        Map<String, List<String>> values = new java.util.HashMap<>(Map.of("jdbcUrl", List.of("jdbc:sqlite:/tmp/db.sqlite3"),
                "formatSettings", List.of("recipe=sha256", "salt_source=column", "pepper=${vault.pepper}")));
        java.util.function.UnaryOperator<String> vault = ref -> ref.equals("${vault.pepper}") ? "p3pper" : null;

        assertThatThrownBy(() -> FormatSettings.of(LegacyStoreConfig.from(config(values)), vault))
                .hasMessage("Password format settings: recipe_digest reads each user's salt; set the Salt column");

        values.put("saltColumn", List.of("salt"));
        FormatSettings settings = FormatSettings.of(LegacyStoreConfig.from(config(values)), vault);
        assertThat(settings.configuration().format()).get().extracting(f -> f.info().id())
                .isEqualTo(SchemeIds.RECIPE_DIGEST);
        assertThat(settings.toString()).doesNotContain("p3pper");
        assertThat(settings.fingerprint()).doesNotContain("p3pper").hasSize(64);

        values.put("formatSettings", List.of("recipe=sha257"));
        assertThatThrownBy(() -> FormatSettings.of(LegacyStoreConfig.from(config(values)), vault))
                .hasMessageStartingWith("Password format settings: ");
    }
}
