package dev.legacybridge.keycloak.pool;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An unpooled {@link DataSource}: a new driver connection per call. Used only to check a configuration when the admin
 * saves it, so that a wrong URL or password never creates a pool.
 */
public final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final ConnectionSettings settings;

    private DriverDataSource(Driver driver, ConnectionSettings settings) {
        this.driver = driver;
        this.settings = settings;
    }

    public static DriverDataSource of(ConnectionSettings settings) throws SQLException {
        return new DriverDataSource(settings.url().loadDriver(DriverDataSource.class.getClassLoader()), settings);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.connect(settings.url().url(), settings.driverProperties());
        if (connection == null) {
            throw new SQLException("The JDBC driver refused the URL", "08001");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the component configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connect timeout comes from the settings
    }

    @Override
    public int getLoginTimeout() {
        return (int) settings.connectTimeout().toSeconds();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
