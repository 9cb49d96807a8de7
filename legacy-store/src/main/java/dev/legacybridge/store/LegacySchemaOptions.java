package dev.legacybridge.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link LegacySchema} from named options, with the keys, meaning, defaults and problem messages of the
 * Keycloak provider's component configuration ({@code schemaPreset}, {@code usersTable}, {@code idColumn}, ...,
 * {@code roleMappings}, the group tables, {@code legacyGroupsAs}, {@code migratedColumn}). Plain Java, no Keycloak: the
 * {@code legacy-hash} CLI uses it so that {@code legacy-hash audit} reads exactly the columns the provider reads.
 *
 * <ul>
 *   <li>A value that is absent, {@code null} or blank is "not set"; values are trimmed. List options
 *       ({@code attributeColumns}, {@code roleMappings}) take several values, each of which may also be a
 *       {@code ##}-joined list, as the admin console stores them.</li>
 *   <li>A preset ({@link SchemaPreset}: {@code django}, the default, {@code wordpress}, {@code drupal7},
 *       {@code aspnet_identity}, {@code spring_jdbc}, {@code laravel}, {@code devise}) fills every table and column left
 *       unset with its framework's names, and its role mappings and "groups become" choice when those are not set.
 *       Preset {@code generic} assumes nothing: the users table and the id, username and password columns are
 *       required.</li>
 *   <li>Role mapping columns become the schema's flag columns. Membership is a groups table joined through a
 *       user-groups table (all six names), or a user-groups table alone whose group column holds the names; with
 *       {@code legacyGroupsAs=none} neither is read. {@code userGroupsFilter} ({@code column=value}) and
 *       {@code userGroupsValueFormat} ({@code plain} or {@code php_serialized}) read a key-value table such as
 *       WordPress's {@code wp_usermeta}.</li>
 * </ul>
 *
 * <p>Every problem is collected; {@link #resolve(Map)} throws one {@link InvalidSchemaException} listing them all.
 */
public final class LegacySchemaOptions {

    public static final String SCHEMA_PRESET = "schemaPreset";
    public static final String USERS_TABLE = "usersTable";
    public static final String ID_COLUMN = "idColumn";
    public static final String USERNAME_COLUMN = "usernameColumn";
    public static final String EMAIL_COLUMN = "emailColumn";
    public static final String PASSWORD_COLUMN = "passwordColumn";
    public static final String FIRST_NAME_COLUMN = "firstNameColumn";
    public static final String LAST_NAME_COLUMN = "lastNameColumn";
    public static final String ACTIVE_COLUMN = "activeColumn";
    public static final String CREATED_COLUMN = "createdColumn";
    public static final String ATTRIBUTE_COLUMNS = "attributeColumns";
    public static final String ROLE_MAPPINGS = "roleMappings";
    public static final String GROUPS_TABLE = "groupsTable";
    public static final String GROUP_ID_COLUMN = "groupIdColumn";
    public static final String GROUP_NAME_COLUMN = "groupNameColumn";
    public static final String USER_GROUPS_TABLE = "userGroupsTable";
    public static final String USER_GROUPS_USER_COLUMN = "userGroupsUserColumn";
    public static final String USER_GROUPS_GROUP_COLUMN = "userGroupsGroupColumn";
    public static final String LEGACY_GROUPS_AS = "legacyGroupsAs";
    public static final String MIGRATED_COLUMN = "migratedColumn";
    /** Second factors: {@code none}, {@code django-otp} or {@code secret-column} (see {@link OtpTables}). */
    public static final String OTP_SOURCE = "otpSource";
    public static final String OTP_TOTP_TABLE = "otpTotpTable";
    public static final String OTP_STATIC_DEVICE_TABLE = "otpStaticDeviceTable";
    public static final String OTP_STATIC_TOKEN_TABLE = "otpStaticTokenTable";
    public static final String TOTP_SECRET_COLUMN = "totpSecretColumn";
    public static final String TOTP_SECRET_ENCODING = "totpSecretEncoding";
    public static final String TOTP_DIGITS = "totpDigits";
    public static final String TOTP_PERIOD = "totpPeriod";
    /** The users table's "changed at" column, for the changed-users sync. */
    public static final String CHANGED_AT_COLUMN = "changedAtColumn";

    public static final String OTP_NONE = "none";
    public static final String OTP_DJANGO = "django-otp";
    public static final String OTP_SECRET_COLUMN = "secret-column";
    public static final String SALT_COLUMN = "saltColumn";
    public static final String LOCKED_UNTIL_COLUMN = "lockedUntilColumn";
    public static final String USER_GROUPS_FILTER = "userGroupsFilter";
    public static final String USER_GROUPS_VALUE_FORMAT = "userGroupsValueFormat";

    public static final String PRESET_DJANGO = "django";
    public static final String PRESET_GENERIC = "generic";
    public static final List<String> GROUPS_AS = List.of("groups", "roles", "none");
    /** The values of {@code legacyGroupsAs}: {@code preset} means the preset's own choice. */
    public static final List<String> GROUPS_AS_CHOICES = List.of("preset", "groups", "roles", "none");
    public static final List<String> VALUE_FORMATS = List.of("plain", "php_serialized");

    /**
     * The resolved schema and what goes with it.
     *
     * @param preset         the preset's name ({@link SchemaPreset#name()})
     * @param schema         tables and columns to read
     * @param roleMappings   flag column to realm role, in the order given
     * @param legacyGroupsAs {@code groups}, {@code roles} or {@code none}
     */
    public record Resolved(String preset, LegacySchema schema, Map<String, String> roleMappings, String legacyGroupsAs) {
        public Resolved {
            roleMappings = Collections.unmodifiableMap(new LinkedHashMap<>(roleMappings));
        }

        /** The preset's defaults beyond the schema (write-back format, profile fields). */
        public SchemaPreset presetDefaults() {
            return SchemaPreset.named(preset).orElse(SchemaPreset.GENERIC);
        }
    }

    private final Map<String, List<String>> options;
    private final List<String> problems = new ArrayList<>();

    private LegacySchemaOptions(Map<String, List<String>> options) {
        this.options = options;
    }

    /**
     * Reads and checks the schema options.
     *
     * @param options values by key (the constants of this class); keys that are not schema options are ignored
     * @throws InvalidSchemaException listing every problem found
     */
    public static Resolved resolve(Map<String, List<String>> options) {
        LegacySchemaOptions reader = new LegacySchemaOptions(Objects.requireNonNull(options, "options"));
        List<String> names = SchemaPreset.ALL.stream().map(SchemaPreset::name).toList();
        String presetName = reader.choice(SCHEMA_PRESET, "Schema preset", PRESET_DJANGO, names);
        SchemaPreset preset = SchemaPreset.named(presetName).orElseThrow();
        Map<String, String> roleMappings = reader.roleMappings(preset);
        // "preset" (the admin console's default) and "not set" both mean the preset's choice.
        String groupsAs = reader.choice(LEGACY_GROUPS_AS, "Legacy groups become", "preset", GROUPS_AS_CHOICES);
        groupsAs = "preset".equals(groupsAs) ? preset.groupsAs() : groupsAs;
        LegacySchema schema = reader.schema(preset, roleMappings.keySet().stream().toList(), !"none".equals(groupsAs));
        if (!reader.problems.isEmpty()) {
            throw new InvalidSchemaException(reader.problems);
        }
        return new Resolved(preset.name(), schema, roleMappings, groupsAs);
    }

    /**
     * Reads the second-factor options: {@code otpSource} ({@code none} by default; {@code django-otp} with django-otp's
     * table names unless overridden; {@code secret-column} with {@code totpSecretColumn}, {@code totpSecretEncoding}
     * {@code base32} (default) or {@code hex}, {@code totpDigits} 6 or 8, {@code totpPeriod} 1-300 seconds).
     *
     * @throws InvalidSchemaException listing every problem found
     */
    public static OtpTables resolveOtp(Map<String, List<String>> options) {
        LegacySchemaOptions reader = new LegacySchemaOptions(Objects.requireNonNull(options, "options"));
        String source = reader.choice(OTP_SOURCE, "Second factors from", OTP_NONE,
                List.of(OTP_NONE, OTP_DJANGO, OTP_SECRET_COLUMN));
        OtpTables result = OtpTables.NONE;
        if (OTP_DJANGO.equals(source)) {
            String totp = reader.identifier(OTP_TOTP_TABLE, "django-otp TOTP device table", "otp_totp_totpdevice", true);
            String devices = reader.identifier(OTP_STATIC_DEVICE_TABLE, "django-otp static device table",
                    "otp_static_staticdevice", true);
            String tokens = reader.identifier(OTP_STATIC_TOKEN_TABLE, "django-otp static token table",
                    "otp_static_statictoken", true);
            result = new OtpTables(OtpTables.Kind.DJANGO_OTP, totp, devices, tokens, null, "hex", 6, 30);
        } else if (OTP_SECRET_COLUMN.equals(source)) {
            String column = reader.identifier(TOTP_SECRET_COLUMN, "TOTP secret column", (String) null, false);
            if (column == null && reader.optional(TOTP_SECRET_COLUMN) == null) {
                reader.problems.add("TOTP secret column is required when second factors come from a secret column");
            }
            String encoding = reader.choice(TOTP_SECRET_ENCODING, "TOTP secret encoding", "base32",
                    List.of("base32", "hex"));
            int digits = reader.number(TOTP_DIGITS, "TOTP digits", 6, 6, 8);
            if (digits == 7) {
                reader.problems.add("TOTP digits must be 6 or 8, got 7");
            }
            int period = reader.number(TOTP_PERIOD, "TOTP period", 30, 1, 300);
            result = new OtpTables(OtpTables.Kind.SECRET_COLUMN, null, null, null, column, encoding, digits, period);
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidSchemaException(reader.problems);
        }
        return result;
    }

    /**
     * The changed-at column of the users table, or {@code null} when not set.
     *
     * @throws InvalidSchemaException when it is not a plain identifier
     */
    public static String resolveChangedAtColumn(Map<String, List<String>> options) {
        LegacySchemaOptions reader = new LegacySchemaOptions(Objects.requireNonNull(options, "options"));
        String column = reader.identifier(CHANGED_AT_COLUMN, "Changed-at column", (String) null, false);
        if (!reader.problems.isEmpty()) {
            throw new InvalidSchemaException(reader.problems);
        }
        return column;
    }

    private int number(String key, String label, int defaultValue, int min, int max) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(label + " must be a whole number between " + min + " and " + max + ", got '" + abbreviate(value)
                + "'");
        return defaultValue;
    }

    private String optional(String key) {
        List<String> values = options.get(key);
        if (values == null) {
            return null;
        }
        String value = values.stream().filter(Objects::nonNull).findFirst().orElse(null);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private List<String> list(String key) {
        List<String> values = options.get(key);
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).flatMap(v -> Arrays.stream(v.split("##")))
                .map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private String choice(String key, String label, String defaultValue, List<String> choices) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        problems.add(label + " must be one of " + String.join(", ", choices) + ", got '" + abbreviate(value) + "'");
        return defaultValue;
    }

    /** A table or column name: the one given, else the preset's, else {@code null}. */
    private String identifier(String key, String label, SchemaPreset preset, boolean qualified) {
        return identifier(key, label, preset.defaults().get(key), qualified);
    }

    /** {@code key}'s value checked as an identifier, or {@code fallback} (may be null) when the field is empty. */
    private String identifier(String key, String label, String fallback, boolean qualified) {
        String value = optional(key);
        if (value == null) {
            return fallback;
        }
        boolean ok = qualified ? SqlIdentifiers.isPlainQualified(value) : SqlIdentifiers.isPlain(value);
        if (!ok) {
            problems.add(label + " must be a plain SQL identifier (letters, digits and _, not starting with a digit"
                    + (qualified ? ", optionally schema.table" : "") + "), got '" + abbreviate(value) + "'");
            return null;
        }
        return value;
    }

    private Map<String, String> roleMappings(SchemaPreset preset) {
        List<String> raw = list(ROLE_MAPPINGS);
        if (raw.isEmpty()) {
            return new LinkedHashMap<>(preset.roleMappings());
        }
        Map<String, String> mappings = new LinkedHashMap<>();
        for (String entry : raw) {
            int colon = entry.indexOf(':');
            String column = colon < 0 ? entry : entry.substring(0, colon).trim();
            String role = colon < 0 ? "" : entry.substring(colon + 1).trim();
            if (colon < 0 || role.isEmpty() || !SqlIdentifiers.isPlain(column)) {
                problems.add("Role flag mappings must look like column:role (e.g. is_superuser:admin), got '"
                        + abbreviate(entry) + "'");
                continue;
            }
            mappings.put(column, role);
        }
        return mappings;
    }

    private LegacySchema schema(SchemaPreset preset, List<String> flagColumns, boolean wantGroups) {
        String table = identifier(USERS_TABLE, "Users table", preset, true);
        String id = identifier(ID_COLUMN, "Id column", preset, false);
        String username = identifier(USERNAME_COLUMN, "Username column", preset, false);
        String password = identifier(PASSWORD_COLUMN, "Password hash column", preset, false);
        String email = identifier(EMAIL_COLUMN, "Email column", preset, false);
        String first = identifier(FIRST_NAME_COLUMN, "First name column", preset, false);
        String last = identifier(LAST_NAME_COLUMN, "Last name column", preset, false);
        String active = identifier(ACTIVE_COLUMN, "Active flag column", preset, false);
        String created = identifier(CREATED_COLUMN, "Created timestamp column", preset, false);
        String migrated = identifier(MIGRATED_COLUMN, "Migrated flag column", preset, false);
        String salt = identifier(SALT_COLUMN, "Salt column", preset, false);
        String lockedUntil = identifier(LOCKED_UNTIL_COLUMN, "Locked-until column", preset, false);
        if (preset.assumesNothing()) {
            requiredWithGeneric(USERS_TABLE, "Users table");
            requiredWithGeneric(ID_COLUMN, "Id column");
            requiredWithGeneric(USERNAME_COLUMN, "Username column");
            requiredWithGeneric(PASSWORD_COLUMN, "Password hash column");
        }
        List<String> attributes = new ArrayList<>();
        for (String column : list(ATTRIBUTE_COLUMNS)) {
            if (SqlIdentifiers.isPlain(column)) {
                attributes.add(column);
            } else {
                problems.add("Extra attribute columns must be plain SQL identifiers, got '" + abbreviate(column) + "'");
            }
        }
        GroupTables groups = wantGroups ? groupTables(preset) : null;
        if (table == null || id == null || username == null || password == null) {
            return null;
        }
        try {
            return new LegacySchema(table, id, username, password, email, first, last, active, created, migrated,
                    attributes, flagColumns, groups, salt, lockedUntil);
        } catch (InvalidSchemaException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void requiredWithGeneric(String key, String label) {
        if (optional(key) == null) {
            problems.add(label + " is required with the generic preset");
        }
    }

    private GroupTables groupTables(SchemaPreset preset) {
        String groupsTable = identifier(GROUPS_TABLE, "Groups table", preset, true);
        String groupId = identifier(GROUP_ID_COLUMN, "Group id column", preset, false);
        String groupName = identifier(GROUP_NAME_COLUMN, "Group name column", preset, false);
        String userGroups = identifier(USER_GROUPS_TABLE, "User-groups table", preset, true);
        String userColumn = identifier(USER_GROUPS_USER_COLUMN, "User-groups user column", preset, false);
        String groupColumn = identifier(USER_GROUPS_GROUP_COLUMN, "User-groups group column", preset, false);
        String filter = optional(USER_GROUPS_FILTER) != null ? optional(USER_GROUPS_FILTER)
                : preset.defaults().get(USER_GROUPS_FILTER);
        String format = choice(USER_GROUPS_VALUE_FORMAT, "User-groups value format",
                preset.defaults().getOrDefault(USER_GROUPS_VALUE_FORMAT, "plain"), VALUE_FORMATS);
        List<String> groupParts = Arrays.asList(groupsTable, groupId, groupName);
        List<String> membershipParts = Arrays.asList(userGroups, userColumn, groupColumn);
        long groupSet = groupParts.stream().filter(Objects::nonNull).count();
        long membershipSet = membershipParts.stream().filter(Objects::nonNull).count();
        if (groupSet == 0 && membershipSet == 0) {
            if (filter != null || !"plain".equals(format)) {
                problems.add("User-groups filter and value format need the user-groups table and its two columns");
            }
            return null;
        }
        if (membershipSet < membershipParts.size() || groupSet != 0 && groupSet < groupParts.size()) {
            problems.add("Group mapping is incomplete: set the user-groups table and both of its columns, and either "
                    + "all of the groups table, group id column and group name column (a join) or none of them (the "
                    + "user-groups group column then holds the names)");
            return null;
        }
        String filterColumn = null;
        String filterValue = null;
        if (filter != null) {
            int eq = filter.indexOf('=');
            filterColumn = eq < 0 ? null : filter.substring(0, eq).trim();
            filterValue = eq < 0 ? null : filter.substring(eq + 1).trim();
            if (filterColumn == null || !SqlIdentifiers.isPlain(filterColumn) || filterValue.isEmpty()) {
                problems.add("User-groups filter must look like column=value (e.g. meta_key=wp_capabilities), got '"
                        + abbreviate(filter) + "'");
                return null;
            }
        }
        try {
            GroupTables tables = groupSet == 0 ? GroupTables.direct(userGroups, userColumn, groupColumn)
                    : new GroupTables(groupsTable, groupId, groupName, userGroups, userColumn, groupColumn);
            return tables.filtered(filterColumn, filterValue, "php_serialized".equals(format)
                    ? GroupTables.ValueFormat.PHP_SERIALIZED_KEYS : GroupTables.ValueFormat.PLAIN);
        } catch (InvalidSchemaException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
