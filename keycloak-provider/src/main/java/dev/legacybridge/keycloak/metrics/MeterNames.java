package dev.legacybridge.keycloak.metrics;

/**
 * Meter names as Micrometer spells them; Prometheus shows dots as underscores, counters with {@code _total} and timers
 * as {@code _seconds} histograms ({@code legacy_bridge.credential.checks} is {@code legacy_bridge_credential_checks_total}).
 * Every series also has the labels {@link #REALM} and {@link #COMPONENT}.
 */
public final class MeterNames {

    /** Password checks against a legacy hash; labels {@code scheme}, {@code outcome}. */
    public static final String CREDENTIAL_CHECKS = "legacy_bridge.credential.checks";
    /** Statements against the legacy table (a histogram); label {@code operation}. */
    public static final String DB_QUERY = "legacy_bridge.db.query";
    /** Statements that failed with an SQL error; label {@code operation}. */
    public static final String DB_ERRORS = "legacy_bridge.db.errors";
    /** Connections of the component's pool lent out right now. */
    public static final String POOL_IN_USE = "legacy_bridge.pool.connections.in.use";
    /** Connections of the component's pool open and idle. */
    public static final String POOL_IDLE = "legacy_bridge.pool.connections.idle";
    /** The pool's maximum size. */
    public static final String POOL_MAX = "legacy_bridge.pool.connections.max";
    /** Threads waiting for a connection right now. */
    public static final String POOL_WAITING = "legacy_bridge.pool.requests.waiting";
    /** Users that became Keycloak's own; label {@code via}: {@code login}, {@code password_change}, {@code bulk}. */
    public static final String USERS_MIGRATED = "legacy_bridge.users.migrated";
    /** Legacy rows handled by bulk migration; label {@code result}: {@code imported}, {@code skipped}, {@code failed}. */
    public static final String BULK_ROWS = "legacy_bridge.bulk.rows";
    /** Time per bulk-migration batch (a histogram); rows per second is {@code rate(legacy_bridge_bulk_rows_total[1m])}. */
    public static final String BULK_BATCH = "legacy_bridge.bulk.batch";
    /** Legacy hashes rewritten at login in a stronger format; labels {@code from_scheme}, {@code to_scheme}. */
    public static final String HASH_UPGRADES = "legacy_bridge.hash.upgrades";
    /** New passwords written back to the legacy table (mode WRITABLE); label {@code scheme}. */
    public static final String PASSWORD_WRITEBACKS = "legacy_bridge.password.writebacks";

    public static final String REALM = "realm";
    public static final String COMPONENT = "component";

    private MeterNames() {
    }
}
