package dev.legacybridge.keycloak.metrics;

import dev.legacybridge.store.QueryObserver;
import io.agroal.api.AgroalDataSource;

/**
 * The series of one user storage component (labels {@code realm} and {@code component} fixed when its pool opens).
 * Every method is cheap and never throws; {@link #NONE} records nothing (Keycloak's metrics are off).
 */
public interface ComponentMetrics {

    /** Records nothing. */
    ComponentMetrics NONE = new ComponentMetrics() {
    };

    /** How a user became Keycloak's own. */
    enum Via {
        LOGIN("login"), PASSWORD_CHANGE("password_change"), BULK("bulk");

        final String label;

        Via(String label) {
            this.label = label;
        }
    }

    /**
     * One password check against a legacy hash.
     *
     * @param scheme  scheme id of the stored value ({@code unknown} when the row could not be read)
     * @param outcome {@code match}, {@code mismatch}, {@code malformed}, {@code unsupported}, {@code not_allowed},
     *                {@code no_row} or {@code unavailable}
     */
    default void credentialCheck(String scheme, String outcome) {
    }

    /** Feeds the query histogram and error counter. */
    default QueryObserver queryObserver() {
        return QueryObserver.NONE;
    }

    /** Publishes the pool's gauges until {@link #close()}. */
    default void bindPool(AgroalDataSource pool, int maxSize) {
    }

    default void migrated(Via via, long users) {
    }

    /**
     * One bulk-migration batch: its counts and how long it took.
     *
     * @param deferred rows left to their first login (configured formats, lockouts)
     */
    default void bulkBatch(long imported, long skipped, long failed, long deferred, long nanos) {
    }

    default void hashUpgraded(String fromScheme, String toScheme) {
    }

    default void passwordWrittenBack(String scheme) {
    }

    /** Removes the pool gauges (the pool is closing); counters stay, as Prometheus expects of counters. */
    default void close() {
    }
}
