package dev.legacybridge.keycloak.config;

import dev.legacybridge.hash.CostLimits;
import dev.legacybridge.hash.HashPolicyParser;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.SchemeInfo;
import dev.legacybridge.store.LegacySchemaOptions;
import dev.legacybridge.store.SchemaPreset;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The component configuration keys and how the admin console shows them: declared once, here.
 *
 * <p>Keys are camelCase, as Keycloak's own {@code LDAPConstants}. Values arrive as lists of strings; an empty value
 * is dropped by Keycloak before it reaches the provider, so "not set" and "empty" are the same thing.
 */
public final class LegacyStoreConfigProperties {

    // Connection
    public static final String JDBC_URL = "jdbcUrl";
    public static final String JDBC_USER = "jdbcUser";
    public static final String JDBC_PASSWORD = "jdbcPassword";
    public static final String POOL_MAX_SIZE = "poolMaxSize";
    public static final String CONNECT_TIMEOUT_SECONDS = "connectTimeoutSeconds";
    public static final String QUERY_TIMEOUT_SECONDS = "queryTimeoutSeconds";

    // Schema (the keys are shared with the legacy-hash CLI, which reads a table exactly as the provider does)
    public static final String SCHEMA_PRESET = LegacySchemaOptions.SCHEMA_PRESET;
    public static final String USERS_TABLE = LegacySchemaOptions.USERS_TABLE;
    public static final String ID_COLUMN = LegacySchemaOptions.ID_COLUMN;
    public static final String USERNAME_COLUMN = LegacySchemaOptions.USERNAME_COLUMN;
    public static final String EMAIL_COLUMN = LegacySchemaOptions.EMAIL_COLUMN;
    public static final String PASSWORD_COLUMN = LegacySchemaOptions.PASSWORD_COLUMN;
    public static final String FIRST_NAME_COLUMN = LegacySchemaOptions.FIRST_NAME_COLUMN;
    public static final String LAST_NAME_COLUMN = LegacySchemaOptions.LAST_NAME_COLUMN;
    public static final String ACTIVE_COLUMN = LegacySchemaOptions.ACTIVE_COLUMN;
    public static final String CREATED_COLUMN = LegacySchemaOptions.CREATED_COLUMN;
    public static final String ATTRIBUTE_COLUMNS = LegacySchemaOptions.ATTRIBUTE_COLUMNS;
    public static final String ROLE_MAPPINGS = LegacySchemaOptions.ROLE_MAPPINGS;
    public static final String GROUPS_TABLE = LegacySchemaOptions.GROUPS_TABLE;
    public static final String GROUP_ID_COLUMN = LegacySchemaOptions.GROUP_ID_COLUMN;
    public static final String GROUP_NAME_COLUMN = LegacySchemaOptions.GROUP_NAME_COLUMN;
    public static final String USER_GROUPS_TABLE = LegacySchemaOptions.USER_GROUPS_TABLE;
    public static final String USER_GROUPS_USER_COLUMN = LegacySchemaOptions.USER_GROUPS_USER_COLUMN;
    public static final String USER_GROUPS_GROUP_COLUMN = LegacySchemaOptions.USER_GROUPS_GROUP_COLUMN;
    public static final String LEGACY_GROUPS_AS = LegacySchemaOptions.LEGACY_GROUPS_AS;
    public static final String USER_GROUPS_FILTER = LegacySchemaOptions.USER_GROUPS_FILTER;
    public static final String USER_GROUPS_VALUE_FORMAT = LegacySchemaOptions.USER_GROUPS_VALUE_FORMAT;
    public static final String SALT_COLUMN = LegacySchemaOptions.SALT_COLUMN;
    public static final String LOCKED_UNTIL_COLUMN = LegacySchemaOptions.LOCKED_UNTIL_COLUMN;

    // Login
    public static final String LOGIN_WITH_EMAIL = "loginWithEmail";
    public static final String USERNAME_CASE = "usernameCase";
    public static final String TRUST_EMAIL = "trustEmail";

    // Hashing
    public static final String ALLOWED_SCHEMES = "allowedSchemes";
    public static final String MAX_PBKDF2_ITERATIONS = "maxPbkdf2Iterations";
    public static final String MAX_BCRYPT_COST = "maxBcryptCost";
    public static final String MAX_ARGON2_MEMORY_KIB = "maxArgon2MemoryKib";
    public static final String MAX_ARGON2_ITERATIONS = "maxArgon2Iterations";
    public static final String MAX_ARGON2_PARALLELISM = "maxArgon2Parallelism";
    public static final String MAX_SCRYPT_NRP = "maxScryptNrp";
    public static final String MAX_SHA_CRYPT_ROUNDS = "maxShaCryptRounds";
    public static final String MAX_PHPASS_COST = HashPolicyParser.MAX_PHPASS_COST;
    public static final String MAX_DRUPAL7_COST = HashPolicyParser.MAX_DRUPAL7_COST;
    public static final String FORMAT_SETTINGS = "formatSettings";

    // Mode
    public static final String EDIT_MODE = "editMode";
    public static final String PASSWORD_FORMAT = "passwordFormat";
    public static final String UPGRADE_ON_LOGIN = "upgradeOnLogin";
    public static final String MIGRATED_COLUMN = LegacySchemaOptions.MIGRATED_COLUMN;
    public static final String OPTIONAL_PROFILE_FIELDS = "optionalProfileFields";

    // Finishing the move (issue 15): native credentials, second factors, coexistence sync, registrations
    public static final String NATIVE_CREDENTIALS = "nativeCredentials";
    public static final String OTP_SOURCE = LegacySchemaOptions.OTP_SOURCE;
    public static final String OTP_TOTP_TABLE = LegacySchemaOptions.OTP_TOTP_TABLE;
    public static final String OTP_STATIC_DEVICE_TABLE = LegacySchemaOptions.OTP_STATIC_DEVICE_TABLE;
    public static final String OTP_STATIC_TOKEN_TABLE = LegacySchemaOptions.OTP_STATIC_TOKEN_TABLE;
    public static final String TOTP_SECRET_COLUMN = LegacySchemaOptions.TOTP_SECRET_COLUMN;
    public static final String TOTP_SECRET_ENCODING = LegacySchemaOptions.TOTP_SECRET_ENCODING;
    public static final String TOTP_DIGITS = LegacySchemaOptions.TOTP_DIGITS;
    public static final String TOTP_PERIOD = LegacySchemaOptions.TOTP_PERIOD;
    public static final String OTP_KEY_ENCRYPTION = "otpKeyEncryption";
    public static final String OTP_KEY_ENCRYPTION_KEY = "otpKeyEncryptionKey";
    public static final String CHANGED_AT_COLUMN = LegacySchemaOptions.CHANGED_AT_COLUMN;
    public static final String SYNC_MIGRATED_USERS = "syncMigratedUsers";
    public static final String SYNC_ADD_ONLY = "syncAddOnly";
    public static final String SYNC_IGNORE = "syncIgnore";
    public static final String SYNC_REGISTRATIONS = "syncRegistrations";

    public static final String PRESET_DJANGO = LegacySchemaOptions.PRESET_DJANGO;
    public static final String PRESET_GENERIC = LegacySchemaOptions.PRESET_GENERIC;

    static final int DEFAULT_POOL_MAX_SIZE = 10;
    static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
    static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 5;

    private LegacyStoreConfigProperties() {
    }

    /**
     * This provider's settings only, in a stable order: what decides whether a pool must be rebuilt. Keycloak's own
     * keys (enabled, priority, cache policy, last sync time) are left out.
     */
    public static String fingerprint(org.keycloak.common.util.MultivaluedHashMap<String, String> config) {
        java.util.TreeMap<String, java.util.List<String>> own = new java.util.TreeMap<>();
        if (config != null) {
            for (ProviderConfigProperty property : all()) {
                java.util.List<String> values = config.get(property.getName());
                if (values != null) {
                    own.put(property.getName(), values);
                }
            }
        }
        return own.toString();
    }

    /** Every field of the component form, in the order the admin console shows them. */
    public static List<ProviderConfigProperty> all() {
        CostLimits caps = CostLimits.defaults();
        List<String> schemeIds = LegacyPasswordVerifier.schemes().stream().map(SchemeInfo::id).toList();
        List<String> weakSchemeIds = LegacyPasswordVerifier.schemes().stream().filter(SchemeInfo::weak)
                .map(SchemeInfo::id).toList();
        return ProviderConfigurationBuilder.create()
                // ---- Connection
                .property().name(JDBC_URL).label("JDBC URL").type(ProviderConfigProperty.STRING_TYPE).required(true)
                .helpText("Connection to the legacy database, e.g. jdbc:postgresql://db:5432/app, "
                        + "jdbc:mariadb://db:3306/app, jdbc:mysql://db:3306/app or jdbc:sqlite:/data/db.sqlite3 "
                        + "(an existing file; Django's default). Only these databases and the URL parameters listed in "
                        + "the project's docs/jdbc-urls.md are accepted. A vault reference such as "
                        + "${vault.legacy_db_url} is resolved at connection time. The JDBC driver jars must be in "
                        + "Keycloak's providers/ directory.")
                .add()
                .property().name(JDBC_USER).label("Database user").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("User for the legacy database. Leave empty for SQLite. A read-only account is enough for "
                        + "READ_ONLY and MIGRATE modes.")
                .add()
                .property().name(JDBC_PASSWORD).label("Database password").type(ProviderConfigProperty.PASSWORD)
                .secret(true)
                .helpText("Password of the database user. Vault references such as ${vault.legacy_db_password} are "
                        + "resolved at connection time.")
                .add()
                .property().name(POOL_MAX_SIZE).label("Connection pool size").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(DEFAULT_POOL_MAX_SIZE))
                .helpText("Maximum number of open connections to the legacy database, per Keycloak node.")
                .add()
                .property().name(CONNECT_TIMEOUT_SECONDS).label("Connect timeout (seconds)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_CONNECT_TIMEOUT_SECONDS))
                .helpText("How long a login waits for a connection before failing while the legacy database is down.")
                .add()
                .property().name(QUERY_TIMEOUT_SECONDS).label("Query timeout (seconds)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(DEFAULT_QUERY_TIMEOUT_SECONDS))
                .helpText("Upper bound for every query against the legacy database.")
                .add()
                // ---- Schema
                .property().name(SCHEMA_PRESET).label("Schema preset").type(ProviderConfigProperty.LIST_TYPE)
                .options(SchemaPreset.ALL.stream().map(SchemaPreset::name).toList()).defaultValue(PRESET_DJANGO)
                .helpText("The framework whose own users table this is; it fills every table and column left empty "
                        + "below. 'django': auth_user, auth_group via auth_user_groups as groups, is_superuser and "
                        + "is_staff as roles admin and staff. 'wordpress': wp_users, roles from wp_usermeta's "
                        + "wp_capabilities. 'drupal7': users, role via users_roles as roles. 'aspnet_identity': "
                        + "AspNetUsers, AspNetRoles via AspNetUserRoles as roles, LockoutEnd. 'spring_jdbc': "
                        + "JdbcUserDetailsManager's users keyed by username, authorities as roles. 'laravel' and "
                        + "'devise': users, login by email. 'generic' assumes nothing: set the users table and at least "
                        + "the id, username and password columns.")
                .add()
                .property().name(USERS_TABLE).label("Users table").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Table holding the users, optionally schema.table. Plain SQL identifiers only. "
                        + "Django preset: auth_user.")
                .add()
                .property().name(ID_COLUMN).label("Id column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Primary key; each legacy user's permanent Keycloak id (the token's sub) is derived from "
                        + "the component and this value. Django: id.")
                .add()
                .property().name(USERNAME_COLUMN).label("Username column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Login name. Django: username.")
                .add()
                .property().name(EMAIL_COLUMN).label("Email column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Email address; optional for the generic preset. Django: email.")
                .add()
                .property().name(PASSWORD_COLUMN).label("Password hash column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Stored password hash. Any mix of supported formats, detected per row. Django: password.")
                .add()
                .property().name(SALT_COLUMN).label("Salt column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional column holding each row's salt, read as text, for home-grown hashes such as "
                        + "sha256(salt + password) and Firebase exports (see Password format settings). Formats that "
                        + "carry their salt inside the hash ignore it.")
                .add()
                .property().name(FIRST_NAME_COLUMN).label("First name column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional. Django: first_name.")
                .add()
                .property().name(LAST_NAME_COLUMN).label("Last name column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional. Django: last_name.")
                .add()
                .property().name(ACTIVE_COLUMN).label("Active flag column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional boolean column; false (or NULL) disables the account in Keycloak. Django: is_active.")
                .add()
                .property().name(CREATED_COLUMN).label("Created timestamp column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional account creation time (a timestamp, or Unix time in seconds or milliseconds). "
                        + "Django: date_joined.")
                .add()
                .property().name(LOCKED_UNTIL_COLUMN).label("Locked-until column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional timestamp column: while it lies in the future every login is refused as with a "
                        + "wrong password, and bulk migration leaves the row to a later login; NULL or past means not "
                        + "locked. ASP.NET Identity: LockoutEnd.")
                .add()
                .property().name(ATTRIBUTE_COLUMNS).label("Extra attribute columns")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Further columns to show as read-only user attributes named after the column, e.g. "
                        + "last_login. They appear on the user's Attributes tab and can be mapped into tokens.")
                .add()
                .property().name(ROLE_MAPPINGS).label("Role flag mappings").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Boolean columns that grant a realm role, as column:role, e.g. is_superuser:admin. "
                        + "Django preset default: is_superuser:admin and is_staff:staff. Roles must exist in the realm.")
                .add()
                .property().name(GROUPS_TABLE).label("Groups table").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional table of groups. Django: auth_group.")
                .add()
                .property().name(GROUP_ID_COLUMN).label("Group id column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Key of the groups table. Django: id.")
                .add()
                .property().name(GROUP_NAME_COLUMN).label("Group name column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Name of a group as Keycloak will show it. Django: name.")
                .add()
                .property().name(USER_GROUPS_TABLE).label("User-groups table").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Join table between users and groups, or without a groups table a table whose rows name "
                        + "the group itself (Spring's authorities). Django: auth_user_groups.")
                .add()
                .property().name(USER_GROUPS_USER_COLUMN).label("User-groups user column")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Join column holding the user's id. Django: user_id.")
                .add()
                .property().name(USER_GROUPS_GROUP_COLUMN).label("User-groups group column")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Join column holding the group's id; without a groups table, the group's name (or the "
                        + "serialized value, see below). Django: group_id.")
                .add()
                .property().name(USER_GROUPS_FILTER).label("User-groups filter").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional column=value: only user-groups rows with this value count, for key-value tables. "
                        + "WordPress: meta_key=wp_capabilities (with another table prefix, e.g. "
                        + "meta_key=blog_capabilities; a multisite's second site: meta_key=wp_2_capabilities).")
                .add()
                .property().name(USER_GROUPS_VALUE_FORMAT).label("User-groups value format")
                .type(ProviderConfigProperty.LIST_TYPE).options(LegacySchemaOptions.VALUE_FORMATS).defaultValue("plain")
                .helpText("'plain': one name per row. 'php_serialized': a PHP-serialized array whose true keys are the "
                        + "names, as WordPress's capabilities (a:1:{s:13:\"administrator\";b:1;}).")
                .add()
                .property().name(LEGACY_GROUPS_AS).label("Legacy groups become").type(ProviderConfigProperty.LIST_TYPE)
                .options(LegacySchemaOptions.GROUPS_AS_CHOICES).defaultValue("preset")
                .helpText("'groups': Keycloak top-level groups of the same name (created when the component is saved); "
                        + "'roles': realm roles of the same name, when they exist; 'none': ignored. 'preset': groups "
                        + "for django and generic, roles for the other presets (whose tables hold roles).")
                .add()
                // ---- Login
                .property().name(LOGIN_WITH_EMAIL).label("Login with email").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .helpText("Let legacy users log in with their email address as well as their username (also needs the "
                        + "realm's 'Login with email' setting). Rows whose email is shared by several users cannot log "
                        + "in by email.")
                .add()
                .property().name(USERNAME_CASE).label("Username matching").type(ProviderConfigProperty.LIST_TYPE)
                .options("insensitive", "exact").defaultValue("insensitive")
                .helpText("'insensitive' matches JohnDoe when johndoe is typed (Keycloak lower-cases usernames); two "
                        + "rows that differ only by case are then both refused until the data is fixed. 'exact' compares "
                        + "as stored.")
                .add()
                .property().name(TRUST_EMAIL).label("Trust email").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("true")
                .helpText("Treat legacy email addresses as verified, so Keycloak does not ask users to verify them again.")
                .add()
                // ---- Hashing
                .property().name(ALLOWED_SCHEMES).label("Allowed hash schemes")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE).options(schemeIds)
                // No defaultValue: Keycloak 26.7's console wraps a list default in a second list and the save fails
                // ("Cannot parse the JSON"). Empty means the default policy, stated in the help text.
                .helpText("Stored formats that may log in. Leave empty for every format except the weak ones ("
                        + String.join(", ", weakSchemeIds) + "), which must be chosen here explicitly; rows in a "
                        + "format not allowed are refused and logged.")
                .add()
                .property().name(MAX_PBKDF2_ITERATIONS).label("Max PBKDF2 iterations")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(caps.maxPbkdf2Iterations()))
                .helpText("Rows asking for more are refused before hashing, so a corrupt or hostile row cannot make a "
                        + "login burn seconds of CPU.")
                .add()
                .property().name(MAX_BCRYPT_COST).label("Max bcrypt cost").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(caps.maxBcryptCost()))
                .helpText("Highest bcrypt cost (log2 rounds) accepted.")
                .add()
                .property().name(MAX_ARGON2_MEMORY_KIB).label("Max argon2 memory (KiB)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(caps.maxArgon2MemoryKib()))
                .helpText("Highest argon2 m accepted.")
                .add()
                .property().name(MAX_ARGON2_ITERATIONS).label("Max argon2 iterations")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(caps.maxArgon2Iterations()))
                .helpText("Highest argon2 t accepted.")
                .add()
                .property().name(MAX_ARGON2_PARALLELISM).label("Max argon2 parallelism")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(caps.maxArgon2Parallelism()))
                .helpText("Highest argon2 p accepted.")
                .add()
                .property().name(MAX_SCRYPT_NRP).label("Max scrypt N*r*p").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(caps.maxScryptNrp()))
                .helpText("Highest scrypt N*r*p accepted; memory use is about 128 bytes times this value.")
                .add()
                .property().name(MAX_SHA_CRYPT_ROUNDS).label("Max SHA-crypt rounds")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(String.valueOf(caps.maxShaCryptRounds()))
                .helpText("Highest rounds= accepted for $5$ and $6$ hashes.")
                .add()
                .property().name(MAX_PHPASS_COST).label("Max phpass cost").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(caps.maxPhpassCost()))
                .helpText("Highest phpass/WordPress count accepted ($P$, $H$, Drupal's U$P$), as log2 of the MD5 "
                        + "rounds; WordPress writes 13 ($P$B).")
                .add()
                .property().name(MAX_DRUPAL7_COST).label("Max Drupal 7 cost").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(caps.maxDrupal7Cost()))
                .helpText("Highest Drupal 7 count accepted ($S$, U$S$), as log2 of the SHA-512 rounds; Drupal writes "
                        + "15 ($S$D).")
                .add()
                .property().name(FORMAT_SETTINGS).label("Password format settings")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Settings of formats whose parameters are not in the stored value, one key=value each, with "
                        + "the keys of the project's docs/hashing.md. Firebase scrypt: base64_signer_key, "
                        + "base64_salt_separator, rounds, mem_cost (the user's salt in the Salt column). A home-grown "
                        + "hash: recipe (e.g. sha256, hmac-sha256, pbkdf2-sha256), salt_source (column, prefix, suffix), "
                        + "salt_position, salt_encoding, hash_encoding, iterations, pepper. Spring: delegating_id (the "
                        + "{id} the settings are for, required) and that encoder's settings. Devise: bcrypt_pepper. "
                        + "Secrets (base64_signer_key, pepper, secret, bcrypt_pepper) must be vault references such as "
                        + "${vault.firebasekey}; a secret written in clear is refused. Bulk migration leaves rows that "
                        + "need these settings to their first login.")
                .add()
                // ---- Mode
                .property().name(EDIT_MODE).label("Mode").type(ProviderConfigProperty.LIST_TYPE)
                .options(LegacyEditMode.READ_ONLY.name(), LegacyEditMode.WRITABLE.name(), LegacyEditMode.MIGRATE.name())
                .defaultValue(LegacyEditMode.READ_ONLY.name())
                .helpText("READ_ONLY: the legacy table stays the source of truth. WRITABLE: password changes and "
                        + "email/name/enabled edits made in Keycloak are written back to the legacy row, in the legacy "
                        + "app's format. MIGRATE: each user is copied into Keycloak at first successful login and the "
                        + "legacy table is not used for them again.")
                .add()
                .property().name(PASSWORD_FORMAT).label("Legacy password format")
                .type(ProviderConfigProperty.STRING_TYPE)
                // No defaultValue: the console would save it, and the preset's format must apply when left empty.
                .helpText("Format written to the legacy row in WRITABLE mode and by upgrades, one the legacy app reads. "
                        + "Empty: the preset's (django_pbkdf2_sha256:1000000 for django and generic, "
                        + "wordpress_bcrypt:10 for wordpress (WordPress 6.8+; phpass:13 or php_bcrypt:10 for older), "
                        + "drupal7:15, aspnet_identity_v3:100000, spring_bcrypt:10, php_bcrypt:12 for laravel, "
                        + "bcrypt:12 for devise, with its pepper). Also: django_argon2:<time cost>, phpass:<log2 rounds>.")
                .add()
                .property().name(UPGRADE_ON_LOGIN).label("Upgrade hashes on login").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .helpText("WRITABLE mode: after a successful login against a weak scheme or a lower cost than the "
                        + "legacy password format, rewrite the row in that format, as Django does.")
                .add()
                .property().name(MIGRATED_COLUMN).label("Migrated flag column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Optional boolean column set to true in the legacy row once a user has been migrated into "
                        + "Keycloak (MIGRATE mode and bulk migration).")
                .add()
                .property().name(OPTIONAL_PROFILE_FIELDS).label("Names and email optional for migrated users")
                .type(ProviderConfigProperty.LIST_TYPE).options("preset", "true", "false").defaultValue("preset")
                .helpText("MIGRATE: make email, first and last name optional in the realm's user profile when saving, "
                        + "so migrated users whose legacy row leaves them empty (Django's createsuperuser does) are not "
                        + "stopped by Keycloak's 'verify profile' step, which the password grant cannot complete. "
                        + "'preset': on for django and the framework presets, off for generic. Users still in the "
                        + "legacy table never need this.")
                .add()
                // ---- Finishing the move
                .property().name(NATIVE_CREDENTIALS).label("Native Keycloak credentials")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("Bulk migration: store PBKDF2 (Django, passlib, Werkzeug; SHA-1/256/512) and argon2 hashes as "
                        + "Keycloak's own pbkdf2*/argon2 credentials, which Keycloak verifies without this provider. "
                        + "Other formats (bcrypt, scrypt, SHA-crypt, weak digests) stay legacy-hash credentials until "
                        + "each user's first login. Off: every hash is a legacy-hash credential.")
                .add()
                .property().name(OTP_SOURCE).label("Second factors from").type(ProviderConfigProperty.LIST_TYPE)
                .options(LegacySchemaOptions.OTP_NONE, LegacySchemaOptions.OTP_DJANGO,
                        LegacySchemaOptions.OTP_SECRET_COLUMN).defaultValue(LegacySchemaOptions.OTP_NONE)
                .helpText("MIGRATE: carry each user's second factors over when they are migrated (login or bulk). "
                        + "django-otp: confirmed TOTP devices become Keycloak OTP credentials (same key, digits and "
                        + "period), unused tokens of confirmed static devices become recovery codes. secret-column: a "
                        + "TOTP secret column of the users table. The realm must ask for OTP (its browser and "
                        + "direct-grant flows do for users with an OTP credential).")
                .add()
                .property().name(OTP_TOTP_TABLE).label("django-otp TOTP table").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Default otp_totp_totpdevice.")
                .add()
                .property().name(OTP_STATIC_DEVICE_TABLE).label("django-otp static device table")
                .type(ProviderConfigProperty.STRING_TYPE).helpText("Default otp_static_staticdevice.")
                .add()
                .property().name(OTP_STATIC_TOKEN_TABLE).label("django-otp static token table")
                .type(ProviderConfigProperty.STRING_TYPE).helpText("Default otp_static_statictoken.")
                .add()
                .property().name(TOTP_SECRET_COLUMN).label("TOTP secret column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("secret-column: the users table's column holding the TOTP secret (NULL or empty: none).")
                .add()
                .property().name(TOTP_SECRET_ENCODING).label("TOTP secret encoding")
                .type(ProviderConfigProperty.LIST_TYPE).options("base32", "hex").defaultValue("base32")
                .helpText("secret-column: how the secret is written (base32 as authenticator apps show it, or hex).")
                .add()
                .property().name(TOTP_DIGITS).label("TOTP digits").type(ProviderConfigProperty.LIST_TYPE)
                .options("6", "8").defaultValue("6").helpText("secret-column: digits of the codes.")
                .add()
                .property().name(TOTP_PERIOD).label("TOTP period (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue("30").helpText("secret-column: seconds per code.")
                .add()
                .property().name(OTP_KEY_ENCRYPTION).label("TOTP key encryption").type(ProviderConfigProperty.LIST_TYPE)
                .options("none", "fernet").defaultValue("none")
                .helpText("How the legacy app encrypts TOTP keys at rest. django-otp 1.x stores plain hex (none). "
                        + "fernet: the key column holds a Fernet token (cryptography.fernet, as used by an "
                        + "OTP_ENCRYPTION_OBJECT, django-fernet-fields or django-cryptography) of the hex key or secret.")
                .add()
                .property().name(OTP_KEY_ENCRYPTION_KEY).label("TOTP key encryption key")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("fernet: the app's Fernet key (urlsafe base64 of 32 bytes), as a vault reference "
                        + "${vault.key} (recommended) or literally.")
                .add()
                .property().name(CHANGED_AT_COLUMN).label("Changed-at column").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("A timestamp column the legacy app updates on every change of a row (a Django auto_now "
                        + "field, a trigger). Keycloak's 'Periodic changed users sync' then reads only rows changed "
                        + "since the last sync; without it, a changed-users sync does the full pass.")
                .add()
                .property().name(SYNC_MIGRATED_USERS).label("Keep migrated users in step")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("MIGRATE, while the legacy app keeps running: full and changed-users syncs copy the legacy "
                        + "row's email, names, attributes, active flag, roles and groups into users migrated from it, "
                        + "and disable (never delete) users whose row was deactivated or removed. Passwords and second "
                        + "factors are never synced.")
                .add()
                .property().name(SYNC_ADD_ONLY).label("Sync only adds roles and groups")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true")
                .helpText("On: a sync adds the roles and groups of the legacy row and keeps those given in Keycloak. "
                        + "Off: mapped roles and groups the row no longer has are removed.")
                .add()
                .property().name(SYNC_IGNORE).label("Sync leaves alone").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Fields a sync never changes: email, firstName, lastName, attributes, enabled, roles, groups.")
                .add()
                .property().name(SYNC_REGISTRATIONS).label("Sync registrations")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("WRITABLE: users created in Keycloak (registration, admin) are inserted into the legacy "
                        + "table too, as LDAP's 'Sync registrations' does, and stay linked to it.")
                .add()
                .build();
    }
}
