package dev.legacybridge.cli;

import dev.legacybridge.store.jdbc.CheckedJdbcUrl;
import dev.legacybridge.store.jdbc.DatabaseKind;
import dev.legacybridge.store.jdbc.JdbcUrlPolicy;
import dev.legacybridge.store.jdbc.RefusedJdbcUrlException;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens the one read-only connection {@code audit} uses, with the JDBC drivers bundled in the jar (PostgreSQL,
 * MariaDB, MySQL Connector/J, SQLite), after the URL passed the same {@link JdbcUrlPolicy} as in the Keycloak provider.
 */
final class Jdbc {

    private Jdbc() {
    }

    /**
     * Checks the URL without connecting.
     *
     * @throws UsageException listing what the policy refuses
     */
    static CheckedJdbcUrl check(String url, JdbcUrlPolicy policy) {
        try {
            return policy.check(url);
        } catch (RefusedJdbcUrlException e) {
            throw new UsageException("JDBC_URL refused: " + e.getMessage());
        }
    }

    /**
     * Connects read-only. SQLite files are opened with {@code SQLITE_OPEN_READONLY}, so a wrong path fails instead of
     * creating an empty database; other databases get {@link Connection#setReadOnly(boolean)}.
     *
     * @throws ServiceFailure when the database cannot be reached or refuses the login
     */
    static Connection openReadOnly(CheckedJdbcUrl url, String user, String password, int connectTimeoutSeconds) {
        Connection connection;
        try {
            Driver driver = url.loadDriver(Jdbc.class.getClassLoader());
            connection = driver.connect(url.url(), url.connectionProperties(user, password,
                    Duration.ofSeconds(connectTimeoutSeconds), false));
        } catch (SQLException e) {
            throw new ServiceFailure("cannot connect to " + url.describe() + ": " + firstLine(e));
        }
        if (connection == null) {
            throw new ServiceFailure("the " + url.kind().displayName() + " driver refused " + url.describe());
        }
        if (url.kind() != DatabaseKind.SQLITE) {
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
