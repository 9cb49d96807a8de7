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
 *   <li>Preset {@code django} (the default) fills every table and column left unset with Django's {@code auth_user},
 *       {@code auth_group} and {@code auth_user_groups} names, and maps {@code is_superuser:admin} and
 *       {@code is_staff:staff} when no role mapping is set. Preset {@code generic} assumes nothing: the users table and
 *       the id, username and password columns are required.</li>
 *   <li>Role mapping columns become the schema's flag columns. Group tables are all set or none; with
 *       {@code legacyGroupsAs=none} they are not read at all.</li>
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

    public static final String PRESET_DJANGO = "django";
    public static final String PRESET_GENERIC = "generic";
    public static final List<String> GROUPS_AS = List.of("groups", "roles", "none");

    /**
     * The resolved schema and what goes with it.
     *
     * @param preset         {@code django} or {@code generic}
     * @param schema         tables and columns to read
     * @param roleMappings   flag column to realm role, in the order given
     * @param legacyGroupsAs {@code groups}, {@code roles} or {@code none}
     */
    public record Resolved(String preset, LegacySchema schema, Map<String, String> roleMappings, String legacyGroupsAs) {
        public Resolved {
            roleMappings = Collections.unmodifiableMap(new LinkedHashMap<>(roleMappings));
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
        String preset = reader.choice(SCHEMA_PRESET, "Schema preset", PRESET_DJANGO,
                List.of(PRESET_DJANGO, PRESET_GENERIC));
        boolean django = PRESET_DJANGO.equals(preset);
        Map<String, String> roleMappings = reader.roleMappings(django);
        String groupsAs = reader.choice(LEGACY_GROUPS_AS, "Legacy groups become", "groups", GROUPS_AS);
        LegacySchema schema = reader.schema(django, roleMappings.keySet().stream().toList(), !"none".equals(groupsAs));
        if (!reader.problems.isEmpty()) {
            throw new InvalidSchemaException(reader.problems);
        }
        return new Resolved(preset, schema, roleMappings, groupsAs);
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
            String totp = reader.identifier(OTP_TOTP_TABLE, "django-otp TOTP device table", "otp_totp_totpdevice",
                    true, true);
            String devices = reader.identifier(OTP_STATIC_DEVICE_TABLE, "django-otp static device table",
                    "otp_static_staticdevice", true, true);
            String tokens = reader.identifier(OTP_STATIC_TOKEN_TABLE, "django-otp static token table",
                    "otp_static_statictoken", true, true);
            result = new OtpTables(OtpTables.Kind.DJANGO_OTP, totp, devices, tokens, null, "hex", 6, 30);
        } else if (OTP_SECRET_COLUMN.equals(source)) {
            String column = reader.identifier(TOTP_SECRET_COLUMN, "TOTP secret column", null, false, false);
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
        String column = reader.identifier(CHANGED_AT_COLUMN, "Changed-at column", null, false, false);
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
    private String identifier(String key, String label, String djangoDefault, boolean django, boolean qualified) {
        String value = optional(key);
        if (value == null) {
            return django ? djangoDefault : null;
        }
        boolean ok = qualified ? SqlIdentifiers.isPlainQualified(value) : SqlIdentifiers.isPlain(value);
        if (!ok) {
            problems.add(label + " must be a plain SQL identifier (letters, digits and _, not starting with a digit"
                    + (qualified ? ", optionally schema.table" : "") + "), got '" + abbreviate(value) + "'");
            return null;
        }
        return value;
    }

    private Map<String, String> roleMappings(boolean django) {
        List<String> raw = list(ROLE_MAPPINGS);
        Map<String, String> mappings = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            if (django) {
                mappings.put("is_superuser", "admin");
                mappings.put("is_staff", "staff");
            }
            return mappings;
        }
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

    private LegacySchema schema(boolean django, List<String> flagColumns, boolean wantGroups) {
        String table = identifier(USERS_TABLE, "Users table", "auth_user", django, true);
        String id = identifier(ID_COLUMN, "Id column", "id", django, false);
        String username = identifier(USERNAME_COLUMN, "Username column", "username", django, false);
        String password = identifier(PASSWORD_COLUMN, "Password hash column", "password", django, false);
        String email = identifier(EMAIL_COLUMN, "Email column", "email", django, false);
        String first = identifier(FIRST_NAME_COLUMN, "First name column", "first_name", django, false);
        String last = identifier(LAST_NAME_COLUMN, "Last name column", "last_name", django, false);
        String active = identifier(ACTIVE_COLUMN, "Active flag column", "is_active", django, false);
        String created = identifier(CREATED_COLUMN, "Created timestamp column", "date_joined", django, false);
        String migrated = identifier(MIGRATED_COLUMN, "Migrated flag column", null, false, false);
        if (!django) {
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
        GroupTables groups = wantGroups ? groupTables(django) : null;
        if (table == null || id == null || username == null || password == null) {
            return null;
        }
        try {
            return new LegacySchema(table, id, username, password, email, first, last, active, created, migrated,
                    attributes, flagColumns, groups);
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

    private GroupTables groupTables(boolean django) {
        String groupsTable = identifier(GROUPS_TABLE, "Groups table", "auth_group", django, true);
        String groupId = identifier(GROUP_ID_COLUMN, "Group id column", "id", django, false);
        String groupName = identifier(GROUP_NAME_COLUMN, "Group name column", "name", django, false);
        String userGroups = identifier(USER_GROUPS_TABLE, "User-groups table", "auth_user_groups", django, true);
        String userColumn = identifier(USER_GROUPS_USER_COLUMN, "User-groups user column", "user_id", django, false);
        String groupColumn = identifier(USER_GROUPS_GROUP_COLUMN, "User-groups group column", "group_id", django,
                false);
        List<String> parts = Arrays.asList(groupsTable, groupId, groupName, userGroups, userColumn, groupColumn);
        long set = parts.stream().filter(Objects::nonNull).count();
        if (set == 0) {
            return null;
        }
        if (set < parts.size()) {
            problems.add("Group mapping is incomplete: set the groups table, group id column, group name column, "
                    + "user-groups table and both user-groups columns, or none of them");
            return null;
        }
        return new GroupTables(groupsTable, groupId, groupName, userGroups, userColumn, groupColumn);
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
