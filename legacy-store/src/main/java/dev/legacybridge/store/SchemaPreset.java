package dev.legacybridge.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A framework's own users table, so that an administrator names the framework instead of every column: the table and
 * column names the framework creates, where its roles or groups live, and the password format its own code writes
 * and reads (what WRITABLE writes back by default). Each preset fills only the options left unset.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>users table</th><th>roles / groups</th><th>written back as</th></tr>
 *   <tr><td>{@code django}</td><td>{@code auth_user}</td><td>{@code auth_group} via {@code auth_user_groups} as groups;
 *       {@code is_superuser}, {@code is_staff} as roles</td><td>{@code django_pbkdf2_sha256:1000000}</td></tr>
 *   <tr><td>{@code wordpress}</td><td>{@code wp_users}</td><td>{@code wp_usermeta} row {@code wp_capabilities}
 *       (PHP-serialized) as roles</td><td>{@code wordpress_bcrypt:10} (WordPress 6.8+)</td></tr>
 *   <tr><td>{@code drupal7}</td><td>{@code users}</td><td>{@code role} via {@code users_roles} as roles</td>
 *       <td>{@code drupal7:15}</td></tr>
 *   <tr><td>{@code aspnet_identity}</td><td>{@code AspNetUsers}</td><td>{@code AspNetRoles} via
 *       {@code AspNetUserRoles} as roles; {@code LockoutEnd}</td><td>{@code aspnet_identity_v3:100000}</td></tr>
 *   <tr><td>{@code spring_jdbc}</td><td>{@code users} (keyed by username)</td><td>{@code authorities} as roles</td>
 *       <td>{@code spring_bcrypt:10}</td></tr>
 *   <tr><td>{@code laravel}</td><td>{@code users} (login by email)</td><td>none</td><td>{@code php_bcrypt:12}</td></tr>
 *   <tr><td>{@code devise}</td><td>{@code users} (login by email)</td><td>none</td><td>{@code bcrypt:12} with the
 *       configured pepper</td></tr>
 *   <tr><td>{@code generic}</td><td colspan="3">nothing assumed: the users table and the id, username and password
 *       columns are required</td></tr>
 * </table>
 *
 * @param name                  the option value
 * @param defaults              option key to value, for options left unset
 * @param roleMappings          flag column to realm role, when no role mapping is set
 * @param groupsAs              {@code groups}, {@code roles} or {@code none}, when not set
 * @param passwordFormat        the write-back format the framework reads, in {@code EncodingTarget} syntax
 * @param optionalProfileFields whether MIGRATE relaxes the realm's required email and names by default: the
 *                              framework's table does not hold them all (or, for Django, leaves them empty)
 */
public record SchemaPreset(String name, Map<String, String> defaults, Map<String, String> roleMappings,
                           String groupsAs, String passwordFormat, boolean optionalProfileFields) {

    public SchemaPreset {
        defaults = Map.copyOf(defaults);
        roleMappings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roleMappings));
    }

    public static final SchemaPreset DJANGO = new SchemaPreset("django", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "auth_user"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "id"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "username"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "password"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "email"),
            Map.entry(LegacySchemaOptions.FIRST_NAME_COLUMN, "first_name"),
            Map.entry(LegacySchemaOptions.LAST_NAME_COLUMN, "last_name"),
            Map.entry(LegacySchemaOptions.ACTIVE_COLUMN, "is_active"),
            Map.entry(LegacySchemaOptions.CREATED_COLUMN, "date_joined"),
            Map.entry(LegacySchemaOptions.GROUPS_TABLE, "auth_group"),
            Map.entry(LegacySchemaOptions.GROUP_ID_COLUMN, "id"),
            Map.entry(LegacySchemaOptions.GROUP_NAME_COLUMN, "name"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_TABLE, "auth_user_groups"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_USER_COLUMN, "user_id"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, "group_id")),
            orderedMap("is_superuser", "admin", "is_staff", "staff"), "groups", "django_pbkdf2_sha256:1000000", true);

    /**
     * WordPress: {@code wp_users(ID, user_login, user_pass, user_email, user_registered, ...)}; names live in
     * {@code wp_usermeta}, not in columns. Roles are the true keys of the PHP-serialized {@code wp_capabilities}
     * meta value. Another table prefix (or a multisite's {@code wp_2_capabilities}) is set in the options.
     */
    public static final SchemaPreset WORDPRESS = new SchemaPreset("wordpress", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "wp_users"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "ID"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "user_login"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "user_pass"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "user_email"),
            Map.entry(LegacySchemaOptions.CREATED_COLUMN, "user_registered"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_TABLE, "wp_usermeta"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_USER_COLUMN, "user_id"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, "meta_value"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_FILTER, "meta_key=wp_capabilities"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_VALUE_FORMAT, "php_serialized")),
            Map.of(), "roles", "wordpress_bcrypt:10", true);

    /**
     * Drupal 7: {@code users(uid, name, pass, mail, created, status, ...)} with {@code created} in Unix seconds, and
     * roles in {@code role(rid, name)} via {@code users_roles(uid, rid)}. Row {@code uid = 0} is Drupal's anonymous
     * user, with an empty name: it never logs in.
     */
    public static final SchemaPreset DRUPAL7 = new SchemaPreset("drupal7", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "users"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "uid"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "name"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "pass"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "mail"),
            Map.entry(LegacySchemaOptions.ACTIVE_COLUMN, "status"),
            Map.entry(LegacySchemaOptions.CREATED_COLUMN, "created"),
            Map.entry(LegacySchemaOptions.GROUPS_TABLE, "role"),
            Map.entry(LegacySchemaOptions.GROUP_ID_COLUMN, "rid"),
            Map.entry(LegacySchemaOptions.GROUP_NAME_COLUMN, "name"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_TABLE, "users_roles"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_USER_COLUMN, "uid"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, "rid")),
            Map.of(), "roles", "drupal7:15", true);

    /**
     * ASP.NET Core Identity's EF Core tables, names as EF creates them (mixed case, quoted on PostgreSQL):
     * {@code AspNetUsers(Id, UserName, Email, PasswordHash, LockoutEnd, ...)}, {@code AspNetRoles(Id, Name)},
     * {@code AspNetUserRoles(UserId, RoleId)}. A {@code LockoutEnd} in the future refuses the login, as Identity does.
     */
    public static final SchemaPreset ASPNET_IDENTITY = new SchemaPreset("aspnet_identity", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "AspNetUsers"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "Id"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "UserName"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "PasswordHash"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "Email"),
            Map.entry(LegacySchemaOptions.LOCKED_UNTIL_COLUMN, "LockoutEnd"),
            Map.entry(LegacySchemaOptions.GROUPS_TABLE, "AspNetRoles"),
            Map.entry(LegacySchemaOptions.GROUP_ID_COLUMN, "Id"),
            Map.entry(LegacySchemaOptions.GROUP_NAME_COLUMN, "Name"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_TABLE, "AspNetUserRoles"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_USER_COLUMN, "UserId"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, "RoleId")),
            Map.of(), "roles", "aspnet_identity_v3:100000", true);

    /**
     * Spring Security's {@code JdbcUserDetailsManager} default schema: {@code users(username, password, enabled)}
     * keyed by username, {@code authorities(username, authority)} holding names such as {@code ROLE_ADMIN}.
     */
    public static final SchemaPreset SPRING_JDBC = new SchemaPreset("spring_jdbc", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "users"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "username"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "username"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "password"),
            Map.entry(LegacySchemaOptions.ACTIVE_COLUMN, "enabled"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_TABLE, "authorities"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_USER_COLUMN, "username"),
            Map.entry(LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN, "authority")),
            Map.of(), "roles", "spring_bcrypt:10", true);

    /** Laravel's default migration: {@code users(id, name, email, password, created_at, ...)}; users log in by email. */
    public static final SchemaPreset LARAVEL = new SchemaPreset("laravel", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "users"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "id"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "email"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "password"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "email"),
            Map.entry(LegacySchemaOptions.FIRST_NAME_COLUMN, "name"),
            Map.entry(LegacySchemaOptions.CREATED_COLUMN, "created_at")),
            Map.of(), "none", "php_bcrypt:12", true);

    /**
     * Rails' Devise: {@code users(id, email, encrypted_password, created_at, ...)}; users log in by email. Devise's
     * {@code config.pepper}, if the app sets one, goes into the format settings as {@code bcrypt_pepper} (from the
     * vault).
     */
    public static final SchemaPreset DEVISE = new SchemaPreset("devise", Map.ofEntries(
            Map.entry(LegacySchemaOptions.USERS_TABLE, "users"),
            Map.entry(LegacySchemaOptions.ID_COLUMN, "id"),
            Map.entry(LegacySchemaOptions.USERNAME_COLUMN, "email"),
            Map.entry(LegacySchemaOptions.PASSWORD_COLUMN, "encrypted_password"),
            Map.entry(LegacySchemaOptions.EMAIL_COLUMN, "email"),
            Map.entry(LegacySchemaOptions.CREATED_COLUMN, "created_at")),
            Map.of(), "none", "bcrypt:12", true);

    /** Nothing assumed. */
    public static final SchemaPreset GENERIC = new SchemaPreset("generic", Map.of(), Map.of(), "groups",
            "django_pbkdf2_sha256:1000000", false);

    /** Every preset, in the order the admin console lists them. */
    public static final List<SchemaPreset> ALL = List.of(DJANGO, WORDPRESS, DRUPAL7, ASPNET_IDENTITY, SPRING_JDBC,
            LARAVEL, DEVISE, GENERIC);

    /** The preset of this name (case-insensitive), if there is one. */
    public static Optional<SchemaPreset> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name.equals(wanted)).findFirst();
    }

    /** Whether the preset names no table: the users table and its key columns must be given. */
    public boolean assumesNothing() {
        return defaults.isEmpty();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
