package dev.legacybridge.store;

/**
 * Where group membership lives, as a many-to-many join: Django's {@code auth_group(id, name)} and
 * {@code auth_user_groups(user_id, group_id)}.
 *
 * @param groupsTable          table of groups, e.g. {@code auth_group}
 * @param groupIdColumn        its key, e.g. {@code id}
 * @param groupNameColumn      its display name, e.g. {@code name}; this is what Keycloak sees
 * @param userGroupsTable      the join table, e.g. {@code auth_user_groups}
 * @param userGroupsUserColumn join column pointing at the user's id, e.g. {@code user_id}
 * @param userGroupsGroupColumn join column pointing at the group's id, e.g. {@code group_id}
 */
public record GroupTables(String groupsTable, String groupIdColumn, String groupNameColumn, String userGroupsTable,
                          String userGroupsUserColumn, String userGroupsGroupColumn) {

    public GroupTables {
        SqlIdentifiers.requirePlainQualified("Groups table", groupsTable);
        SqlIdentifiers.requirePlain("Group id column", groupIdColumn);
        SqlIdentifiers.requirePlain("Group name column", groupNameColumn);
        SqlIdentifiers.requirePlainQualified("User-groups table", userGroupsTable);
        SqlIdentifiers.requirePlain("User-groups user column", userGroupsUserColumn);
        SqlIdentifiers.requirePlain("User-groups group column", userGroupsGroupColumn);
    }

    /** Django's {@code auth_group} / {@code auth_user_groups}. */
    public static GroupTables django() {
        return new GroupTables("auth_group", "id", "name", "auth_user_groups", "user_id", "group_id");
    }
}
