package dev.legacybridge.cli;

import dev.legacybridge.store.InvalidSchemaException;
import dev.legacybridge.store.LegacySchemaOptions;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provider's schema settings as options, with the same meaning and defaults: each option is the component
 * configuration key of the same name ({@code --users-table} is {@code usersTable}), resolved by
 * {@link LegacySchemaOptions} in {@code legacy-store}, the code the provider's settings follow. With
 * {@code --preset django} (the default) every table and column not given is Django's.
 */
final class SchemaOptions {

    @Option(names = "--preset", paramLabel = "PRESET",
            description = "Schema preset (default django): django, wordpress, drupal7, aspnet_identity, spring_jdbc, "
                    + "laravel or devise fill every table and column not given with that framework's names (django: "
                    + "auth_user/auth_group/auth_user_groups, is_superuser:admin, is_staff:staff); 'generic' assumes "
                    + "nothing (give --users-table, --id-column, --username-column, --password-column).")
    private String preset;

    @Option(names = "--users-table", paramLabel = "TABLE", description = "Users table, optionally schema.table (django: auth_user).")
    private String usersTable;

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "Primary key (django: id).")
    private String idColumn;

    @Option(names = "--username-column", paramLabel = "COLUMN", description = "Login name (django: username).")
    private String usernameColumn;

    @Option(names = "--email-column", paramLabel = "COLUMN", description = "Email (django: email).")
    private String emailColumn;

    @Option(names = "--password-column", paramLabel = "COLUMN", description = "Stored password hash (django: password).")
    private String passwordColumn;

    @Option(names = "--first-name-column", paramLabel = "COLUMN", description = "First name (django: first_name).")
    private String firstNameColumn;

    @Option(names = "--last-name-column", paramLabel = "COLUMN", description = "Last name (django: last_name).")
    private String lastNameColumn;

    @Option(names = "--active-column", paramLabel = "COLUMN",
            description = "Boolean active flag; false or NULL is an inactive user (django: is_active).")
    private String activeColumn;

    @Option(names = "--created-column", paramLabel = "COLUMN", description = "Creation time (django: date_joined).")
    private String createdColumn;

    @Option(names = "--attribute-columns", split = ",", paramLabel = "COLUMN",
            description = "Extra attribute columns; comma-separated or repeated.")
    private List<String> attributeColumns;

    @Option(names = "--role-mappings", split = ",", paramLabel = "COLUMN:ROLE",
            description = "Boolean columns that grant a realm role, e.g. is_superuser:admin; comma-separated or "
                    + "repeated (django default: is_superuser:admin,is_staff:staff).")
    private List<String> roleMappings;

    @Option(names = "--groups-table", paramLabel = "TABLE", description = "Groups table (django: auth_group).")
    private String groupsTable;

    @Option(names = "--group-id-column", paramLabel = "COLUMN", description = "Key of the groups table (django: id).")
    private String groupIdColumn;

    @Option(names = "--group-name-column", paramLabel = "COLUMN", description = "Group name (django: name).")
    private String groupNameColumn;

    @Option(names = "--user-groups-table", paramLabel = "TABLE", description = "User-group join table (django: auth_user_groups).")
    private String userGroupsTable;

    @Option(names = "--user-groups-user-column", paramLabel = "COLUMN", description = "Join column of the user id (django: user_id).")
    private String userGroupsUserColumn;

    @Option(names = "--user-groups-group-column", paramLabel = "COLUMN", description = "Join column of the group id (django: group_id).")
    private String userGroupsGroupColumn;

    @Option(names = "--legacy-groups-as", paramLabel = "preset|groups|roles|none",
            description = "As the provider's 'Legacy groups become' (default: the preset's); 'none' leaves the group "
                    + "tables out.")
    private String legacyGroupsAs;

    @Option(names = "--user-groups-filter", paramLabel = "COLUMN=VALUE",
            description = "Only user-groups rows with this value count (wordpress: meta_key=wp_capabilities).")
    private String userGroupsFilter;

    @Option(names = "--user-groups-value-format", paramLabel = "plain|php_serialized",
            description = "How the user-groups group column holds names without a groups table (wordpress: "
                    + "php_serialized).")
    private String userGroupsValueFormat;

    @Option(names = "--salt-column", paramLabel = "COLUMN",
            description = "Column holding each row's salt, for --param recipes with salt_source=column and Firebase.")
    private String saltColumn;

    @Option(names = "--locked-until-column", paramLabel = "COLUMN",
            description = "Timestamp column of a lockout's end (aspnet_identity: LockoutEnd).")
    private String lockedUntilColumn;

    @Option(names = "--migrated-column", paramLabel = "COLUMN",
            description = "Boolean column the provider sets when a user is migrated (no default); audit then counts migrated rows.")
    private String migratedColumn;

    /** The options as the provider's configuration keys; options not given are absent. */
    Map<String, List<String>> asConfig() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        put(config, LegacySchemaOptions.SCHEMA_PRESET, preset);
        put(config, LegacySchemaOptions.USERS_TABLE, usersTable);
        put(config, LegacySchemaOptions.ID_COLUMN, idColumn);
        put(config, LegacySchemaOptions.USERNAME_COLUMN, usernameColumn);
        put(config, LegacySchemaOptions.EMAIL_COLUMN, emailColumn);
        put(config, LegacySchemaOptions.PASSWORD_COLUMN, passwordColumn);
        put(config, LegacySchemaOptions.FIRST_NAME_COLUMN, firstNameColumn);
        put(config, LegacySchemaOptions.LAST_NAME_COLUMN, lastNameColumn);
        put(config, LegacySchemaOptions.ACTIVE_COLUMN, activeColumn);
        put(config, LegacySchemaOptions.CREATED_COLUMN, createdColumn);
        if (attributeColumns != null) {
            config.put(LegacySchemaOptions.ATTRIBUTE_COLUMNS, List.copyOf(attributeColumns));
        }
        if (roleMappings != null) {
            config.put(LegacySchemaOptions.ROLE_MAPPINGS, List.copyOf(roleMappings));
        }
        put(config, LegacySchemaOptions.GROUPS_TABLE, groupsTable);
        put(config, LegacySchemaOptions.GROUP_ID_COLUMN, groupIdColumn);
        put(config, LegacySchemaOptions.GROUP_NAME_COLUMN, groupNameColumn);
        put(config, LegacySchemaOptions.USER_GROUPS_TABLE, userGroupsTable);
        put(config, LegacySchemaOptions.USER_GROUPS_USER_COLUMN, userGroupsUserColumn);
        put(config, LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, userGroupsGroupColumn);
        put(config, LegacySchemaOptions.LEGACY_GROUPS_AS, legacyGroupsAs);
        put(config, LegacySchemaOptions.MIGRATED_COLUMN, migratedColumn);
        put(config, LegacySchemaOptions.USER_GROUPS_FILTER, userGroupsFilter);
        put(config, LegacySchemaOptions.USER_GROUPS_VALUE_FORMAT, userGroupsValueFormat);
        put(config, LegacySchemaOptions.SALT_COLUMN, saltColumn);
        put(config, LegacySchemaOptions.LOCKED_UNTIL_COLUMN, lockedUntilColumn);
        return config;
    }

    /**
     * @throws UsageException listing every problem, as the provider's form would
     */
    LegacySchemaOptions.Resolved resolve() {
        try {
            return LegacySchemaOptions.resolve(asConfig());
        } catch (InvalidSchemaException e) {
            throw new UsageException("schema options: " + String.join("; ", e.problems()));
        }
    }

    private static void put(Map<String, List<String>> config, String key, String value) {
        if (value != null) {
            config.put(key, List.of(value));
        }
    }
}
