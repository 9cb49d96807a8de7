package dev.legacybridge.keycloak.config;

import static dev.legacybridge.keycloak.config.LegacyStoreConfigProperties.*;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.HashPolicyParser;
import dev.legacybridge.store.InvalidSchemaException;
import dev.legacybridge.store.LegacySchema;
import dev.legacybridge.store.LegacySchemaOptions;
import dev.legacybridge.store.SchemaPreset;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.common.util.MultivaluedHashMap;

/**
 * The provider's configuration, read once from the component's config map, with defaults applied and every value
 * checked. Construction fails with a {@link InvalidConfigException} whose message lists every problem in words an
 * administrator can act on; the admin console shows it when the form is saved.
 *
 * <p>{@link #toString()} masks the database password.
 */
public final class LegacyStoreConfig {

    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPasswordReference;
    private final int poolMaxSize;
    private final Duration connectTimeout;
    private final Duration queryTimeout;
    private final String preset;
    private final LegacySchema schema;
    private final Map<String, String> roleMappings;
    private final LegacyGroupsAs legacyGroupsAs;
    private final boolean loginWithEmail;
    private final UsernameCase usernameCase;
    private final boolean trustEmail;
    private final HashPolicy hashPolicy;
    private final LegacyEditMode editMode;
    private final EncodingTarget passwordFormat;
    private final boolean upgradeOnLogin;
    private final boolean optionalProfileFields;
    private final boolean nativeCredentials;
    private final dev.legacybridge.store.OtpTables otp;
    private final String otpKeyEncryption;
    private final String otpKeyEncryptionKeyReference;
    private final String changedAtColumn;
    private final SyncOptions sync;
    private final boolean syncRegistrations;
    private final Map<String, String> formatSettings;

    private LegacyStoreConfig(Reader r) {
        // Checked by JdbcUrlPolicy once any vault reference is resolved: when the form is saved and when a pool opens.
        this.jdbcUrl = r.required(JDBC_URL, "JDBC URL");
        this.jdbcUser = r.optional(JDBC_USER);
        this.jdbcPasswordReference = r.optional(JDBC_PASSWORD);
        this.poolMaxSize = r.integer(POOL_MAX_SIZE, "Connection pool size", DEFAULT_POOL_MAX_SIZE, 1, 500);
        this.connectTimeout = Duration.ofSeconds(r.integer(CONNECT_TIMEOUT_SECONDS, "Connect timeout",
                DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 300));
        this.queryTimeout = Duration.ofSeconds(r.integer(QUERY_TIMEOUT_SECONDS, "Query timeout",
                DEFAULT_QUERY_TIMEOUT_SECONDS, 1, 3600));

        // Tables, columns, role mappings and groups: the same rules as the legacy-hash CLI, from one place.
        LegacySchemaOptions.Resolved resolved = null;
        try {
            resolved = LegacySchemaOptions.resolve(r.config);
        } catch (InvalidSchemaException e) {
            e.problems().forEach(r::problem);
        }
        this.preset = resolved == null ? null : resolved.preset();
        this.schema = resolved == null ? null : resolved.schema();
        this.roleMappings = resolved == null ? Map.of() : resolved.roleMappings();
        this.legacyGroupsAs = resolved == null ? LegacyGroupsAs.NONE
                : LegacyGroupsAs.valueOf(resolved.legacyGroupsAs().toUpperCase(Locale.ROOT));

        this.loginWithEmail = r.bool(LOGIN_WITH_EMAIL, true);
        this.usernameCase = UsernameCase.valueOf(r.choice(USERNAME_CASE, "Username matching", "insensitive",
                List.of("insensitive", "exact")).toUpperCase(Locale.ROOT));
        this.trustEmail = r.bool(TRUST_EMAIL, true);

        this.editMode = LegacyEditMode.valueOf(r.choice(EDIT_MODE, "Mode", LegacyEditMode.READ_ONLY.name(),
                List.of(LegacyEditMode.READ_ONLY.name(), LegacyEditMode.WRITABLE.name(), LegacyEditMode.MIGRATE.name())));
        SchemaPreset presetDefaults = resolved == null ? SchemaPreset.GENERIC : resolved.presetDefaults();
        this.passwordFormat = r.encodingTarget(presetDefaults.passwordFormat());
        this.upgradeOnLogin = r.bool(UPGRADE_ON_LOGIN, false);
        this.hashPolicy = r.hashPolicy(upgradeOnLogin ? passwordFormat : null);
        if (upgradeOnLogin && editMode != LegacyEditMode.WRITABLE) {
            r.problem("Upgrade hashes on login needs Mode WRITABLE (it writes to the legacy table)");
        }
        String optional = r.choice(OPTIONAL_PROFILE_FIELDS, "Names and email optional for migrated users", "preset",
                List.of("preset", "true", "false"));
        this.optionalProfileFields = optional.equals("preset") ? presetDefaults.optionalProfileFields()
                : Boolean.parseBoolean(optional);

        // Finishing the move (issue 15)
        this.nativeCredentials = r.bool(NATIVE_CREDENTIALS, true);
        dev.legacybridge.store.OtpTables otpTables = dev.legacybridge.store.OtpTables.NONE;
        String changedAt = null;
        try {
            otpTables = LegacySchemaOptions.resolveOtp(r.config);
        } catch (InvalidSchemaException e) {
            e.problems().forEach(r::problem);
        }
        try {
            changedAt = LegacySchemaOptions.resolveChangedAtColumn(r.config);
        } catch (InvalidSchemaException e) {
            e.problems().forEach(r::problem);
        }
        this.otp = otpTables;
        this.changedAtColumn = changedAt;
        this.otpKeyEncryption = r.choice(OTP_KEY_ENCRYPTION, "TOTP key encryption", "none", List.of("none", "fernet"));
        this.otpKeyEncryptionKeyReference = r.optional(OTP_KEY_ENCRYPTION_KEY);
        if (otpKeyEncryption.equals("fernet") && otpKeyEncryptionKeyReference == null) {
            r.problem("TOTP key encryption fernet needs the TOTP key encryption key (a vault reference such as "
                    + "${vault.otpkey})");
        }
        if (otp.enabled() && editMode != LegacyEditMode.MIGRATE) {
            r.problem("Second factors are carried over when users are migrated: set Mode to MIGRATE, or Second "
                    + "factors from to none");
        }
        List<String> ignored = r.list(SYNC_IGNORE);
        for (String field : ignored) {
            if (!SyncOptions.FIELDS.contains(field)) {
                r.problem("Sync leaves alone: unknown field '" + field + "'; known: "
                        + String.join(", ", SyncOptions.FIELDS));
            }
        }
        this.sync = new SyncOptions(r.bool(SYNC_MIGRATED_USERS, false), r.bool(SYNC_ADD_ONLY, true),
                new java.util.HashSet<>(ignored));
        if (sync.enabled() && editMode != LegacyEditMode.MIGRATE) {
            r.problem("Keep migrated users in step needs Mode MIGRATE (only migrated users are synced)");
        }
        this.syncRegistrations = r.bool(SYNC_REGISTRATIONS, false);
        if (syncRegistrations && editMode != LegacyEditMode.WRITABLE) {
            r.problem("Sync registrations needs Mode WRITABLE (it inserts rows into the legacy table)");
        }
        this.formatSettings = r.formatSettings();
        r.throwIfProblems();
    }

    /**
     * Reads and checks a component's configuration.
     *
     * @throws InvalidConfigException listing every problem found
     */
    public static LegacyStoreConfig from(MultivaluedHashMap<String, String> config) {
        return new LegacyStoreConfig(new Reader(config));
    }

    /** The JDBC URL as configured: a literal or a {@code ${vault.key}} reference, to be resolved by the caller. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Whether a configured value is a vault reference ({@code ${vault.key}}) rather than a literal. */
    public static boolean isVaultReference(String value) {
        return value != null && value.startsWith("${vault.") && value.endsWith("}");
    }

    public String jdbcUser() {
        return jdbcUser;
    }

    /** The configured password as typed: a literal or a {@code ${vault.key}} reference, to be resolved by the caller. */
    public String jdbcPasswordReference() {
        return jdbcPasswordReference;
    }

    public int poolMaxSize() {
        return poolMaxSize;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    public String preset() {
        return preset;
    }

    public LegacySchema schema() {
        return schema;
    }

    /** Role flag column to realm role name, in configuration order. */
    public Map<String, String> roleMappings() {
        return roleMappings;
    }

    public LegacyGroupsAs legacyGroupsAs() {
        return legacyGroupsAs;
    }

    public boolean loginWithEmail() {
        return loginWithEmail;
    }

    public UsernameCase usernameCase() {
        return usernameCase;
    }

    public boolean trustEmail() {
        return trustEmail;
    }

    public HashPolicy hashPolicy() {
        return hashPolicy;
    }

    public LegacyEditMode editMode() {
        return editMode;
    }

    /** The format new legacy hashes are written in (WRITABLE mode, upgrades). */
    public EncodingTarget passwordFormat() {
        return passwordFormat;
    }

    public boolean upgradeOnLogin() {
        return upgradeOnLogin;
    }

    /**
     * The password format settings as configured ({@code key -> value}); secret values are {@code ${vault.key}}
     * references, resolved by {@link FormatSettings} when a pool opens or the form is saved.
     */
    public Map<String, String> formatSettings() {
        return formatSettings;
    }

    /** Whether MIGRATE makes email and names optional in the realm's user profile (see the form's help). */
    public boolean optionalProfileFields() {
        return optionalProfileFields;
    }

    /** Whether bulk migration stores PBKDF2 and argon2 hashes as Keycloak's own credentials. */
    public boolean nativeCredentials() {
        return nativeCredentials;
    }

    /** Where second factors are read from ({@code OtpTables.NONE}: not carried over). */
    public dev.legacybridge.store.OtpTables otp() {
        return otp;
    }

    /** {@code none} or {@code fernet}. */
    public String otpKeyEncryption() {
        return otpKeyEncryption;
    }

    /** The Fernet key as configured: a literal or a {@code ${vault.key}} reference, to be resolved by the caller. */
    public String otpKeyEncryptionKeyReference() {
        return otpKeyEncryptionKeyReference;
    }

    /** The changed-at column for the changed-users sync, or null. */
    public String changedAtColumn() {
        return changedAtColumn;
    }

    public SyncOptions sync() {
        return sync;
    }

    /** WRITABLE: users created in Keycloak are inserted into the legacy table. */
    public boolean syncRegistrations() {
        return syncRegistrations;
    }

    @Override
    public String toString() {
        return "LegacyStoreConfig[jdbcUrl=" + JdbcUrlPolicy.mask(jdbcUrl) + ", jdbcUser=" + jdbcUser + ", jdbcPassword="
                + (jdbcPasswordReference == null ? "<none>" : "**********") + ", preset=" + preset + ", table="
                + schema.usersTable() + ", mode=" + editMode + ", usernameCase=" + usernameCase + ", allowedSchemes="
                + hashPolicy.allowedSchemes().size() + "]";
    }

    /** A configuration that cannot be used; the message lists every problem. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Reads values, collecting problems instead of stopping at the first one. */
    private static final class Reader {
        final MultivaluedHashMap<String, String> config;
        private final List<String> problems = new ArrayList<>();

        Reader(MultivaluedHashMap<String, String> config) {
            this.config = config == null ? new MultivaluedHashMap<>() : config;
        }

        void problem(String message) {
            problems.add(message);
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new InvalidConfigException(problems);
            }
        }

        String optional(String key) {
            String value = config.getFirst(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        List<String> list(String key) {
            List<String> values = config.get(key);
            if (values == null) {
                return List.of();
            }
            // The admin console stores multi-valued fields either as several values or as one "##"-joined value.
            return values.stream().filter(v -> v != null).flatMap(v -> java.util.Arrays.stream(v.split("##")))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList();
        }

        String required(String key, String label) {
            String value = optional(key);
            if (value == null) {
                problem(label + " is required");
            }
            return value;
        }

        int integer(String key, String label, int defaultValue, int min, int max) {
            return (int) longValue(key, label, defaultValue, min, max);
        }

        long longValue(String key, String label, long defaultValue, long min, long max) {
            String value = optional(key);
            if (value == null) {
                return defaultValue;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed < min || parsed > max) {
                    problem(label + " must be between " + min + " and " + max + ", got " + parsed);
                    return defaultValue;
                }
                return parsed;
            } catch (NumberFormatException e) {
                problem(label + " must be a whole number, got '" + abbreviate(value) + "'");
                return defaultValue;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            String value = optional(key);
            return value == null ? defaultValue : Boolean.parseBoolean(value);
        }

        String choice(String key, String label, String defaultValue, List<String> options) {
            String value = optional(key);
            if (value == null) {
                return defaultValue;
            }
            for (String option : options) {
                if (option.equalsIgnoreCase(value)) {
                    return option;
                }
            }
            problem(label + " must be one of " + String.join(", ", options) + ", got '" + abbreviate(value) + "'");
            return defaultValue;
        }

        HashPolicy hashPolicy(EncodingTarget upgradeTarget) {
            // The one policy reading, shared with the legacy-hash CLI (same keys, ranges and messages).
            HashPolicyParser.Result result = HashPolicyParser.parse(config);
            result.problems().forEach(p -> problem(p.message()));
            return result.policy().withUpgradeTarget(upgradeTarget);
        }

        EncodingTarget encodingTarget(String presetFormat) {
            String value = optional(PASSWORD_FORMAT);
            try {
                return EncodingTarget.parse(value == null ? presetFormat : value);
            } catch (IllegalArgumentException e) {
                problem("Legacy password format: " + e.getMessage());
                return EncodingTarget.parse(presetFormat);
            }
        }

        /** {@code key=value} entries; every secret a vault reference (the admin console does not mask this field). */
        Map<String, String> formatSettings() {
            Map<String, String> settings = new java.util.LinkedHashMap<>();
            for (String entry : list(FORMAT_SETTINGS)) {
                int eq = entry.indexOf('=');
                String key = eq <= 0 ? null : entry.substring(0, eq).trim();
                String value = eq <= 0 ? null : entry.substring(eq + 1).trim();
                if (key == null || key.isEmpty() || value.isEmpty()) {
                    problem("Password format settings must be key=value, got '" + abbreviate(entry.contains("=")
                            ? entry.substring(0, entry.indexOf('=') + 1) + "..." : entry) + "'");
                    continue;
                }
                if (settings.containsKey(key)) {
                    problem("Password format settings: " + key + " is set twice");
                    continue;
                }
                if (key.equals("base64_salt") || key.equals("salt")) {
                    problem("Password format settings: " + key + " differs per user; map the Salt column instead");
                    continue;
                }
                if (dev.legacybridge.hash.SchemeParameters.SECRET_KEYS.contains(key) && !isVaultReference(value)) {
                    problem("Password format settings: " + key + " is a secret; put it in Keycloak's vault and write "
                            + "${vault.<key>} here");
                    continue;
                }
                settings.put(key, value);
            }
            return java.util.Collections.unmodifiableMap(settings);
        }

        private static String abbreviate(String value) {
            String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
            return shown.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
