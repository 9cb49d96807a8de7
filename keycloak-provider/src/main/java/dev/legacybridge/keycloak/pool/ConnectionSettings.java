package dev.legacybridge.keycloak.pool;

import dev.legacybridge.keycloak.config.LegacyStoreConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything needed to open connections to one legacy database, with the password already resolved (vault).
 * {@link #toString()} masks the password; the record's equality is what decides whether a pool must be rebuilt.
 */
public record ConnectionSettings(String jdbcUrl, String user, String password, int maxPoolSize, Duration connectTimeout) {

    public static ConnectionSettings of(LegacyStoreConfig config, String resolvedPassword) {
        return new ConnectionSettings(config.jdbcUrl(), config.jdbcUser(), resolvedPassword, config.poolMaxSize(),
                config.connectTimeout());
    }

    /**
     * Driver properties: credentials, plus per-driver connect timeouts (a login must fail fast when the database is
     * down) and, for PostgreSQL, {@code logServerErrorDetail=false}, because a constraint error's "Detail: Failing row
     * contains (...)" would otherwise carry a whole row, password hash included, into exception messages.
     */
    Properties driverProperties() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        long seconds = Math.max(1, connectTimeout.toSeconds());
        if (url.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", String.valueOf(seconds));
            props.setProperty("loginTimeout", String.valueOf(seconds));
            props.setProperty("logServerErrorDetail", "false");
            props.setProperty("ApplicationName", "keycloak-legacy-bridge");
        } else if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            props.setProperty("connectTimeout", String.valueOf(seconds * 1000));
        } else if (url.startsWith("jdbc:sqlite:")) {
            // Wait for a writer (the legacy app) instead of failing with SQLITE_BUSY at once.
            props.setProperty("busy_timeout", String.valueOf(seconds * 1000));
        }
        return props;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[jdbcUrl=" + LegacyStoreConfig.maskUrl(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "<none>" : "****") + ", maxPoolSize=" + maxPoolSize + ", connectTimeout="
                + connectTimeout + "]";
    }
}
