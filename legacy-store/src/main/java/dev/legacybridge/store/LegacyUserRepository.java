package dev.legacybridge.store;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * The only place that speaks SQL to the legacy database, one class per job over one {@link UserTable}:
 * <ul>
 *   <li>{@link #lookups()}: single users by id, username, email; pages in primary-key order; legacy groups;</li>
 *   <li>{@link #searches()}: searches, counts and pages with Keycloak's search semantics;</li>
 *   <li>{@link #writes()}: password hashes, profile fields and the migrated flag (WRITABLE, MIGRATE);</li>
 *   <li>{@link #dataQuality()}: case-insensitive username and email collisions;</li>
 *   <li>{@link #schemaCheck()}: does every configured table and column exist.</li>
 * </ul>
 * The SQL of a search's WHERE clause is built by {@link SearchSql}; execution, id binding and row mapping are in
 * {@link UserTable}.
 */
public final class LegacyUserRepository {

    private final UserTable table;
    private final LegacyUserLookups lookups;
    private final LegacyUserSearches searches;
    private final LegacyUserWrites writes;
    private final LegacyDataQuality dataQuality;
    private final LegacySchemaCheck schemaCheck;

    public LegacyUserRepository(DataSource dataSource, LegacySchema schema, SqlDialect dialect, Duration queryTimeout) {
        this(dataSource, schema, dialect, queryTimeout, QueryObserver.NONE);
    }

    /** @param observer told about every statement (operation name, time, failure), e.g. for metrics */
    public LegacyUserRepository(DataSource dataSource, LegacySchema schema, SqlDialect dialect, Duration queryTimeout,
                                QueryObserver observer) {
        this.table = new UserTable(dataSource, schema, dialect, queryTimeout, observer);
        this.lookups = new LegacyUserLookups(table);
        this.searches = new LegacyUserSearches(table);
        this.writes = new LegacyUserWrites(table);
        this.dataQuality = new LegacyDataQuality(table);
        this.schemaCheck = new LegacySchemaCheck(table);
    }

    public LegacySchema schema() {
        return table.schema();
    }

    public SqlDialect dialect() {
        return table.dialect();
    }

    public LegacyUserLookups lookups() {
        return lookups;
    }

    public LegacyUserSearches searches() {
        return searches;
    }

    public LegacyUserWrites writes() {
        return writes;
    }

    public LegacyDataQuality dataQuality() {
        return dataQuality;
    }

    public LegacySchemaCheck schemaCheck() {
        return schemaCheck;
    }

    /** Second factors of legacy users, in the layout {@code otp} describes. */
    public LegacyOtpDevices otpDevices(OtpTables otp) {
        return new LegacyOtpDevices(table, otp);
    }

    /** Rows changed after a time, for a changed-users sync ({@link LegacyUserChanges}). */
    public LegacyUserChanges changes(String changedAtColumn) {
        return new LegacyUserChanges(table, changedAtColumn);
    }

    /** Rows for users created in Keycloak (WRITABLE's "Sync registrations"). */
    public LegacyUserRegistrations registrations() {
        return new LegacyUserRegistrations(table, lookups);
    }

    /** For the tests of this package: how ids are bound. */
    UserTable.IdKind idKind() {
        return table.idKind();
    }
}
