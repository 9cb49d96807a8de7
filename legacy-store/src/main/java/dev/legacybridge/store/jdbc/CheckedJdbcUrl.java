package dev.legacybridge.store.jdbc;

import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * A JDBC URL that passed {@link JdbcUrlPolicy}: a supported kind, only allowed parameters, hosts and ports (or the
 * SQLite file) the operator allows. Only instances of this type are ever connected to, so a URL stored before a
 * policy change, or resolved from the vault at connect time, goes through the same checks as one typed in the form.
 * The kind alone decides the driver class; {@link #hosts()} are the hosts and ports the URL names (empty for
 * SQLite); {@link #database()} is the database name or the SQLite file's real path; {@link #parameters()} the URL's
 * parameters (names as written, values decoded).
 */
public final class CheckedJdbcUrl {

    /** SQLite's open flags: read-only, or read-write without {@code SQLITE_OPEN_CREATE}. Never create a file. */
    static final String SQLITE_OPEN_READONLY = "1";
    static final String SQLITE_OPEN_READWRITE = "2";

    private final DatabaseKind kind;
    private final String url;
    private final List<HostPort> hosts;
    private final String database;
    private final Map<String, String> parameters;

    /** Only {@link JdbcUrlPolicy} makes these, so holding one proves the URL was checked. */
    CheckedJdbcUrl(DatabaseKind kind, String url, List<HostPort> hosts, String database, Map<String, String> parameters) {
        this.kind = kind;
        this.url = url;
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.parameters = Map.copyOf(parameters);
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The URL to hand to the driver (for SQLite: with the file's real path). */
    public String url() {
        return url;
    }

    public List<HostPort> hosts() {
        return hosts;
    }

    public String database() {
        return database;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CheckedJdbcUrl that && kind == that.kind && url.equals(that.url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    /**
     * The properties to connect with: the credentials, the per-driver connect timeout and the forced safe values of
     * {@link DriverParameters#forced()}.
     *
     * @param writes whether the connection must write (WRITABLE mode, a migrated-flag column); SQLite files are opened
     *               read-only otherwise
     */
    public Properties connectionProperties(String user, String password, Duration connectTimeout, boolean writes) {
        Properties props = new Properties();
        long seconds = Math.max(1, connectTimeout.toSeconds());
        switch (kind) {
            case POSTGRESQL -> {
                putIfSet(props, "user", user);
                // Without a password property pgjdbc would look one up in the Keycloak host's ~/.pgpass for whatever
                // host and user the URL names.
                props.setProperty("password", password == null ? "" : password);
                props.setProperty("connectTimeout", String.valueOf(seconds));
                props.setProperty("loginTimeout", String.valueOf(seconds));
                props.setProperty("ApplicationName", "keycloak-legacy-bridge");
            }
            case MARIADB, MYSQL -> {
                putIfSet(props, "user", user);
                putIfSet(props, "password", password);
                props.setProperty("connectTimeout", String.valueOf(seconds * 1000));
            }
            case SQLITE -> {
                props.setProperty("open_mode", writes ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
                // Wait for a writer (the legacy app) instead of failing with SQLITE_BUSY at once.
                props.setProperty("busy_timeout", String.valueOf(seconds * 1000));
            }
        }
        DriverParameters.of(kind).forced().forEach(props::setProperty);
        return props;
    }

    /**
     * Loads this kind's driver class, never any other driver that might accept the URL: first among the
     * {@link Driver} services visible to {@code loader} (Keycloak's build leaves the provider's own copies in
     * {@code providers/}), then by class name.
     *
     * @throws SQLException (SQLState 08001) when the driver jar is missing, saying which jar to install
     */
    public Driver loadDriver(ClassLoader loader) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
            if (driver.getClass().getName().equals(kind.driverClass())) {
                return driver;
            }
        }
        try {
            return (Driver) Class.forName(kind.driverClass(), true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("The " + kind.displayName() + " JDBC driver (" + kind.driverClass() + ") is not "
                    + "installed. Copy its jar (postgresql, mariadb-java-client, mysql-connector-j or sqlite-jdbc) into "
                    + "Keycloak's providers/ directory and run 'kc.sh build'.", "08001", e);
        }
    }

    /** Where the URL leads, without parameters or credentials: {@code PostgreSQL at db:5432/app}. */
    public String describe() {
        if (kind.isFile()) {
            return kind.displayName() + " file " + database;
        }
        StringBuilder out = new StringBuilder(kind.displayName()).append(" at ");
        for (int i = 0; i < hosts.size(); i++) {
            out.append(i == 0 ? "" : ",").append(hosts.get(i));
        }
        return out.append('/').append(database).toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void putIfSet(Properties props, String key, String value) {
        if (value != null) {
            props.setProperty(key, value);
        }
    }
}
