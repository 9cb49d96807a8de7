package dev.legacybridge.store.jdbc;

import dev.legacybridge.store.SqlDialect;
import java.util.Locale;
import java.util.Optional;

/**
 * The database kinds Legacy Bridge connects to, each with the one JDBC driver class it uses. A JDBC URL of any other
 * sub-protocol ({@code jdbc:h2:}, {@code jdbc:derby:}, ...) is refused, whatever drivers happen to be on the class path:
 * several of them run SQL or touch files as soon as they parse a URL.
 */
public enum DatabaseKind {
    POSTGRESQL("PostgreSQL", "jdbc:postgresql:", "org.postgresql.Driver", 5432, SqlDialect.POSTGRESQL),
    MARIADB("MariaDB", "jdbc:mariadb:", "org.mariadb.jdbc.Driver", 3306, SqlDialect.MYSQL),
    MYSQL("MySQL", "jdbc:mysql:", "com.mysql.cj.jdbc.Driver", 3306, SqlDialect.MYSQL),
    SQLITE("SQLite", "jdbc:sqlite:", "org.sqlite.JDBC", -1, SqlDialect.SQLITE);

    private final String displayName;
    private final String prefix;
    private final String driverClass;
    private final int defaultPort;
    private final SqlDialect dialect;

    DatabaseKind(String displayName, String prefix, String driverClass, int defaultPort, SqlDialect dialect) {
        this.displayName = displayName;
        this.prefix = prefix;
        this.driverClass = driverClass;
        this.defaultPort = defaultPort;
        this.dialect = dialect;
    }

    /** The kind whose prefix starts {@code url} (compared case-insensitively, as the drivers do), if any. */
    public static Optional<DatabaseKind> of(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        for (DatabaseKind kind : values()) {
            if (lower.startsWith(kind.prefix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String displayName() {
        return displayName;
    }

    /** {@code jdbc:postgresql:} and so on. */
    public String prefix() {
        return prefix;
    }

    /** The driver class Legacy Bridge loads for this kind; no other driver ever sees the URL. */
    public String driverClass() {
        return driverClass;
    }

    /** The port used when the URL names none; -1 for file databases. */
    public int defaultPort() {
        return defaultPort;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Whether the database is a file on the Keycloak host rather than a server reached over the network. */
    public boolean isFile() {
        return this == SQLITE;
    }
}
