package dev.legacybridge.store;

/**
 * Where group (or role) membership lives. Three shapes occur in the frameworks' own tables:
 *
 * <ul>
 *   <li><b>a join table and a groups table</b>: Django's {@code auth_user_groups(user_id, group_id)} and
 *       {@code auth_group(id, name)}; Drupal 7's {@code users_roles(uid, rid)} and {@code role(rid, name)}; ASP.NET
 *       Identity's {@code AspNetUserRoles(UserId, RoleId)} and {@code AspNetRoles(Id, Name)};</li>
 *   <li><b>a table of names</b> ({@link #direct}): no groups table, the membership row holds the name itself, as
 *       Spring's {@code authorities(username, authority)};</li>
 *   <li><b>a key-value table</b> ({@link #filtered}, {@link ValueFormat#PHP_SERIALIZED_KEYS}): WordPress keeps a user's
 *       roles in {@code wp_usermeta(user_id, meta_key, meta_value)} on the row whose {@code meta_key} is
 *       {@code wp_capabilities}, as a PHP-serialized array such as {@code a:1:{s:13:"administrator";b:1;}}.</li>
 * </ul>
 *
 * <p>The membership table's user column always holds the users table's id ({@code u.<idColumn>}).
 *
 * @param groupsTable           table of groups, e.g. {@code auth_group}; null for the second and third shape
 * @param groupIdColumn         its key, e.g. {@code id}; null with {@code groupsTable}
 * @param groupNameColumn       its display name, e.g. {@code name}; null with {@code groupsTable}
 * @param userGroupsTable       the membership table, e.g. {@code auth_user_groups}
 * @param userGroupsUserColumn  its column holding the user's id, e.g. {@code user_id}
 * @param userGroupsGroupColumn its column holding the group's id; without a groups table, the name itself (or the
 *                              serialized value)
 * @param filterColumn          optional: only membership rows whose {@code filterColumn} equals {@code filterValue}
 *                              count (WordPress: {@code meta_key})
 * @param filterValue           the value compared, bound as a parameter (WordPress: {@code wp_capabilities})
 * @param valueFormat           how names are read from {@code userGroupsGroupColumn} without a groups table
 */
public record GroupTables(String groupsTable, String groupIdColumn, String groupNameColumn, String userGroupsTable,
                          String userGroupsUserColumn, String userGroupsGroupColumn, String filterColumn,
                          String filterValue, ValueFormat valueFormat) {

    /** How a membership row's value column holds names, when there is no groups table. */
    public enum ValueFormat {
        /** One name per row. */
        PLAIN,
        /**
         * A PHP-serialized array per row whose keys are names and whose true values mean membership, as WordPress's
         * capabilities ({@link PhpSerializedKeys}).
         */
        PHP_SERIALIZED_KEYS
    }

    public GroupTables {
        if (groupsTable != null || groupIdColumn != null || groupNameColumn != null) {
            SqlIdentifiers.requirePlainQualified("Groups table", groupsTable);
            SqlIdentifiers.requirePlain("Group id column", groupIdColumn);
            SqlIdentifiers.requirePlain("Group name column", groupNameColumn);
        }
        SqlIdentifiers.requirePlainQualified("User-groups table", userGroupsTable);
        SqlIdentifiers.requirePlain("User-groups user column", userGroupsUserColumn);
        SqlIdentifiers.requirePlain("User-groups group column", userGroupsGroupColumn);
        if (filterColumn != null) {
            SqlIdentifiers.requirePlain("User-groups filter column", filterColumn);
            if (filterValue == null) {
                throw new InvalidSchemaException("User-groups filter needs a value");
            }
        }
        valueFormat = valueFormat == null ? ValueFormat.PLAIN : valueFormat;
        if (groupsTable != null && valueFormat != ValueFormat.PLAIN) {
            throw new InvalidSchemaException(
                    "A serialized membership value is read without a groups table; leave the groups table empty");
        }
    }

    /** A join table and a groups table. */
    public GroupTables(String groupsTable, String groupIdColumn, String groupNameColumn, String userGroupsTable,
                       String userGroupsUserColumn, String userGroupsGroupColumn) {
        this(groupsTable, groupIdColumn, groupNameColumn, userGroupsTable, userGroupsUserColumn,
                userGroupsGroupColumn, null, null, ValueFormat.PLAIN);
    }

    /** A membership table whose rows hold the names themselves (Spring's {@code authorities}). */
    public static GroupTables direct(String table, String userColumn, String nameColumn) {
        return new GroupTables(null, null, null, table, userColumn, nameColumn, null, null, ValueFormat.PLAIN);
    }

    /** This membership, counting only rows whose {@code column} equals {@code value}, read in {@code format}. */
    public GroupTables filtered(String column, String value, ValueFormat format) {
        return new GroupTables(groupsTable, groupIdColumn, groupNameColumn, userGroupsTable, userGroupsUserColumn,
                userGroupsGroupColumn, column, value, format);
    }

    /** Whether names come from a separate groups table (joined on its id). */
    public boolean joinsGroupsTable() {
        return groupsTable != null;
    }

    /** Django's {@code auth_group} / {@code auth_user_groups}. */
    public static GroupTables django() {
        return new GroupTables("auth_group", "id", "name", "auth_user_groups", "user_id", "group_id");
    }
}
