package dev.legacybridge.keycloak.pool;

import dev.legacybridge.keycloak.config.LegacyEditMode;
import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import dev.legacybridge.store.jdbc.CheckedJdbcUrl;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything needed to open connections to one legacy database: the URL as checked by {@link JdbcUrlPolicy} (after
 * any vault reference was resolved) and the resolved password. The record's equality decides whether a pool must be
 * rebuilt; {@link #toString()} shows neither the password nor the URL's parameters.
 *
 * @param writes whether connections must be able to write: WRITABLE mode, or MIGRATE with a migrated-flag column;
 *               SQLite files are opened read-only otherwise
 */
public record ConnectionSettings(CheckedJdbcUrl url, String user, String password, int maxPoolSize,
                                 Duration connectTimeout, boolean writes) {

    /**
     * @param resolvedUrl      the JDBC URL, a vault reference already resolved
     * @param resolvedPassword the password, a vault reference already resolved
     * @throws dev.legacybridge.store.jdbc.RefusedJdbcUrlException when the policy refuses the URL
     */
    public static ConnectionSettings of(LegacyStoreConfig config, String resolvedUrl, String resolvedPassword,
                                        JdbcUrlPolicy policy) {
        CheckedJdbcUrl url = policy.check(resolvedUrl);
        boolean writes = config.editMode() == LegacyEditMode.WRITABLE
                || config.editMode() == LegacyEditMode.MIGRATE && config.schema().migratedColumn() != null;
        return new ConnectionSettings(url, config.jdbcUser(), resolvedPassword, config.poolMaxSize(),
                config.connectTimeout(), writes);
    }

    /** Credentials, the connect timeout and the driver's forced safe values; see {@link CheckedJdbcUrl}. */
    Properties driverProperties() {
        return url.connectionProperties(user, password, connectTimeout, writes);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + url.describe() + ", user=" + user + ", password="
                + (password == null ? "<none>" : "****") + ", maxPoolSize=" + maxPoolSize + ", connectTimeout="
                + connectTimeout + ", writes=" + writes + "]";
    }
}
