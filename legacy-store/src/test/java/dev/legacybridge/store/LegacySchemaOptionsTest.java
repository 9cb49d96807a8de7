package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same cases as the provider's LegacyStoreConfigTest for the schema part: same keys, defaults and messages. */
class LegacySchemaOptionsTest {

    @Test
    void resolveWhenNothingSetThenDjangoNamesRolesAndGroups() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of());

        assertThat(resolved.preset()).isEqualTo("django");
        assertThat(resolved.schema().usersTable()).isEqualTo("auth_user");
        assertThat(resolved.schema().userColumns()).containsExactly("id", "username", "password", "email",
                "first_name", "last_name", "is_active", "date_joined", "is_superuser", "is_staff");
        assertThat(resolved.schema().groups()).isEqualTo(GroupTables.django());
        assertThat(resolved.schema().migratedColumn()).isNull();
        assertThat(resolved.roleMappings()).containsExactly(Map.entry("is_superuser", "admin"),
                Map.entry("is_staff", "staff"));
        assertThat(resolved.legacyGroupsAs()).isEqualTo("groups");
    }

    @Test
    void resolveWhenDjangoWithOverridesThenOnlyThoseChange() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of(
                "schemaPreset", List.of("DJANGO"),
                "usersTable", List.of(" legacy.accounts "),
                "emailColumn", List.of("mail"),
                "attributeColumns", List.of("last_login##tenant", "plan"),
                "roleMappings", List.of("is_superuser:admin"),
                "legacyGroupsAs", List.of("none"),
                "migratedColumn", List.of("migrated")));

        LegacySchema schema = resolved.schema();
        assertThat(schema.usersTable()).isEqualTo("legacy.accounts");
        assertThat(schema.emailColumn()).isEqualTo("mail");
        assertThat(schema.usernameColumn()).isEqualTo("username");
        assertThat(schema.attributeColumns()).containsExactly("last_login", "tenant", "plan");
        assertThat(schema.flagColumns()).containsExactly("is_superuser");
        assertThat(schema.groups()).as("legacyGroupsAs=none").isNull();
        assertThat(schema.migratedColumn()).isEqualTo("migrated");
    }

    @Test
    void resolveWhenGenericThenNothingAssumed() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of(
                "schemaPreset", List.of("generic"), "usersTable", List.of("users"), "idColumn", List.of("uid"),
                "usernameColumn", List.of("login"), "passwordColumn", List.of("pw_hash")));

        assertThat(resolved.schema().userColumns()).containsExactly("uid", "login", "pw_hash");
        assertThat(resolved.schema().groups()).isNull();
        assertThat(resolved.roleMappings()).isEmpty();
    }

    @Test
    void resolveWhenGenericPresetWithoutColumnsThenEveryMissingFieldIsNamed() {
        assertThatThrownBy(() -> LegacySchemaOptions.resolve(Map.of("schemaPreset", List.of("generic"))))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.problems()).containsExactly(
                        "Users table is required with the generic preset",
                        "Id column is required with the generic preset",
                        "Username column is required with the generic preset",
                        "Password hash column is required with the generic preset"));
    }

    @Test
    void resolveWhenValuesAreBadThenAllProblemsReportedTogether() {
        assertThatThrownBy(() -> LegacySchemaOptions.resolve(Map.of(
                "schemaPreset", List.of("rails"),
                "usersTable", List.of("auth_user; DROP TABLE auth_user; --"),
                "roleMappings", List.of("is_superuser"),
                "legacyGroupsAs", List.of("teams"),
                "attributeColumns", List.of("a b"),
                "groupsTable", List.of("roles"))))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.equals("Schema preset must be one of django, wordpress, drupal7, aspnet_identity, spring_jdbc, laravel, devise, generic, got 'rails'"))
                        .anyMatch(p -> p.startsWith("Users table must be a plain SQL identifier")
                                && p.endsWith("got 'auth_user; DROP TABLE auth_user; --'"))
                        .anyMatch(p -> p.startsWith("Role flag mappings must look like column:role"))
                        .anyMatch(p -> p.startsWith("Legacy groups become must be one of preset, groups, roles, none"))
                        .anyMatch(p -> p.startsWith("Extra attribute columns must be plain SQL identifiers")));
    }

    @Test
    void resolveWhenGroupMappingIncompleteThenRejected() {
        assertThatThrownBy(() -> LegacySchemaOptions.resolve(Map.of(
                "schemaPreset", List.of("generic"), "usersTable", List.of("users"), "idColumn", List.of("id"),
                "usernameColumn", List.of("login"), "passwordColumn", List.of("pw_hash"),
                "groupsTable", List.of("roles"))))
                .hasMessageContaining("Group mapping is incomplete");
    }

    @Test
    void resolveWhenBlankValuesThenTreatedAsUnset() {
        java.util.Map<String, List<String>> options = new java.util.HashMap<>();
        options.put("usersTable", List.of("  "));
        options.put("emailColumn", java.util.Collections.singletonList(null));
        options.put("roleMappings", List.of(""));

        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(options);

        assertThat(resolved.schema().usersTable()).isEqualTo("auth_user");
        assertThat(resolved.schema().emailColumn()).isEqualTo("email");
        assertThat(resolved.roleMappings()).containsKeys("is_superuser", "is_staff");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"wordpress", "drupal7", "aspnet_identity", "spring_jdbc",
            "laravel", "devise"})
    void resolveWhenFrameworkPresetThenItsTableWithoutFurtherOptions(String preset) {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of("schemaPreset", List.of(preset)));

        assertThat(resolved.preset()).isEqualTo(preset);
        assertThat(resolved.schema().usersTable()).isNotBlank();
        assertThat(resolved.presetDefaults().passwordFormat()).isNotBlank();
        assertThat(resolved.presetDefaults().optionalProfileFields()).isTrue();
    }

    @Test
    void resolveWhenWordPressWithAnotherPrefixThenEveryNameOverridable() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of("schemaPreset", List.of("wordpress"),
                "usersTable", List.of("blog_users"), "userGroupsTable", List.of("blog_usermeta"),
                "userGroupsFilter", List.of("meta_key=blog_capabilities")));

        GroupTables groups = resolved.schema().groups();
        assertThat(resolved.schema().usersTable()).isEqualTo("blog_users");
        assertThat(groups.userGroupsTable()).isEqualTo("blog_usermeta");
        assertThat(groups.filterColumn()).isEqualTo("meta_key");
        assertThat(groups.filterValue()).isEqualTo("blog_capabilities");
        assertThat(groups.valueFormat()).isEqualTo(GroupTables.ValueFormat.PHP_SERIALIZED_KEYS);
        assertThat(groups.joinsGroupsTable()).isFalse();
        assertThat(resolved.legacyGroupsAs()).isEqualTo("roles");
    }

    @Test
    void resolveWhenMembershipTableAloneThenDirectNames() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of("schemaPreset", List.of("generic"),
                "usersTable", List.of("users"), "idColumn", List.of("id"), "usernameColumn", List.of("login"),
                "passwordColumn", List.of("pw"), "userGroupsTable", List.of("user_roles"),
                "userGroupsUserColumn", List.of("user_id"), "userGroupsGroupColumn", List.of("role_name")));

        assertThat(resolved.schema().groups()).isEqualTo(GroupTables.direct("user_roles", "user_id", "role_name"));
    }

    @Test
    void resolveWhenFilterMalformedThenProblemNamesTheShape() {
        assertThatThrownBy(() -> LegacySchemaOptions.resolve(Map.of("schemaPreset", List.of("wordpress"),
                "userGroupsFilter", List.of("meta_key; DROP TABLE x"), "userGroupsValueFormat", List.of("json"))))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("User-groups filter must look like column=value"))
                        .anyMatch(p -> p.startsWith("User-groups value format must be one of plain, php_serialized")));
    }

    @Test
    void resolveWhenSaltAndLockoutColumnsThenInSchemaAndValidated() {
        LegacySchemaOptions.Resolved resolved = LegacySchemaOptions.resolve(Map.of("saltColumn", List.of("salt"),
                "lockedUntilColumn", List.of("locked_until")));
        assertThat(resolved.schema().saltColumn()).isEqualTo("salt");
        assertThat(resolved.schema().lockedUntilColumn()).isEqualTo("locked_until");
        assertThat(resolved.schema().userColumns()).contains("salt", "locked_until");

        assertThatThrownBy(() -> LegacySchemaOptions.resolve(Map.of("saltColumn", List.of("salt--"))))
                .hasMessageContaining("Salt column must be a plain SQL identifier");
    }
}
