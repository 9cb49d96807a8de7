package dev.legacybridge.cli;

import dev.legacybridge.store.SqlDialect;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens the one read-only connection {@code audit} uses, with the JDBC drivers bundled in the jar (PostgreSQL,
 * MariaDB, MySQL Connector/J, SQLite).
 */
final class Jdbc {

    static final String BUNDLED = "jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:, jdbc:sqlite:";

    private Jdbc() {
    }

    /**
     * Checks that a bundled driver accepts {@code url}, without connecting.
     *
     * @throws UsageException when the URL is not a JDBC URL or no driver accepts it
     */
    static Driver driverFor(String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new UsageException("JDBC_URL must start with jdbc:, e.g. jdbc:postgresql://host:5432/db or "
                    + "jdbc:sqlite:/path/db.sqlite3");
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new UsageException("no JDBC driver for " + maskUrl(url) + " (bundled: " + BUNDLED + ")");
        }
    }

    /**
     * Connects read-only. SQLite files are opened with {@code SQLITE_OPEN_READONLY}, so a wrong path fails instead of
     * creating an empty database; other databases get {@link Connection#setReadOnly(boolean)}.
     *
     * @throws ServiceFailure when the database cannot be reached or refuses the login
     */
    static Connection openReadOnly(String url, String user, String password, int connectTimeoutSeconds) {
        Driver driver = driverFor(url);
        SqlDialect dialect = SqlDialect.fromJdbcUrl(url);
        Properties properties = new Properties();
        if (dialect == SqlDialect.SQLITE) {
            properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY, without SQLITE_OPEN_CREATE
        } else {
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            if (dialect == SqlDialect.POSTGRESQL) {
                properties.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
                properties.setProperty("loginTimeout", String.valueOf(connectTimeoutSeconds));
            } else if (dialect == SqlDialect.MYSQL) {
                properties.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds * 1000L));
            }
        }
        Connection connection;
        try {
            connection = driver.connect(url, properties);
        } catch (SQLException e) {
            throw new ServiceFailure("cannot connect to " + maskUrl(url) + ": " + firstLine(e));
        }
        if (connection == null) {
            throw new UsageException("no JDBC driver for " + maskUrl(url) + " (bundled: " + BUNDLED + ")");
        }
        if (dialect != SqlDialect.SQLITE) {
            try {
                connection.setReadOnly(true);
            } catch (SQLException ignored) {
                // a hint only; audit never writes
            }
        }
        return connection;
    }

    /** The first line of a driver's message (PostgreSQL appends details that may quote row data). */
    static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }

    /**
     * A JDBC URL fit for output: query parameters named like a password ({@code password=}, {@code pwd=}) and
     * {@code user:password@} credentials are masked (as the provider's log does).
     */
    static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)((?:password|pwd|passwd|secret)=)[^&;]*", "$1****")
                .replaceAll("(//[^/@:]+:)[^/@]*@", "$1****@");
    }

    /**
     * A {@link DataSource} over one open connection, for {@code LegacyUserRepository}, which borrows a connection per
     * call and closes it: here "close" is a no-op, so one connection serves the whole audit. The caller closes the
     * real connection.
     */
    static DataSource singleConnection(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Jdbc.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return unclosable;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return unclosable;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                // unused
            }

            @Override
            public void setLoginTimeout(int seconds) {
                // the connection is already open
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }
}
