package dev.legacybridge.keycloak.pool;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ServiceLoader;

/**
 * Finds the JDBC driver for a URL among the drivers visible to the provider's class loader.
 *
 * <p>Keycloak's build step removes the drivers of database kinds it does not use itself from the runtime class path,
 * even though the jars sit in {@code lib/lib/main}; so the drivers are shipped into {@code providers/} next to the
 * provider jar, where this class loader sees them through {@link ServiceLoader}. {@link DriverManager} is only a
 * fallback: it filters drivers by the caller's class loader, which is not ours under Quarkus.
 */
final class JdbcDrivers {

    private JdbcDrivers() {
    }

    static Driver forUrl(String jdbcUrl) throws SQLException {
        ClassLoader loader = JdbcDrivers.class.getClassLoader();
        for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
            try {
                if (driver.acceptsURL(jdbcUrl)) {
                    return driver;
                }
            } catch (SQLException ignored) {
                // a driver that cannot even look at the URL is not the one
            }
        }
        try {
            return DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw new SQLException("No JDBC driver accepts this URL (" + subprotocol(jdbcUrl) + "). Copy the driver jar "
                    + "(postgresql, mariadb-java-client, mysql-connector-j or sqlite-jdbc) into Keycloak's providers/ "
                    + "directory and run 'kc.sh build'.", "08001", e);
        }
    }

    private static String subprotocol(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "no URL";
        }
        int second = jdbcUrl.indexOf(':', 5);
        return second > 0 ? jdbcUrl.substring(0, second + 1) : "not a jdbc: URL";
    }
}
