package dev.legacybridge.it;

import dev.legacybridge.stack.LegacyDbScripts;
import dev.legacybridge.stack.SqlScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real legacy database holding Django's auth tables, seeded from {@code legacy-db/}. Tests point a federation
 * component at it ({@link #componentConfig(KeycloakEnvironment)}) and change rows underneath Keycloak.
 */
interface LegacyDatabase extends AutoCloseable {

    LegacyDbScripts.Dialect dialect();

    /** JDBC URL as seen from this JVM. */
    String jdbcUrl();

    /** Database user, or {@code null} (SQLite). */
    String username();

    String password();

    default Connection connect() throws SQLException {
        return username() == null ? DriverManager.getConnection(jdbcUrl())
                : DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** Runs a script ({@code ;}-separated statements, {@code --} comments) in one connection. */
    default void execute(String script) {
        try (Connection c = connect()) {
            SqlScript.run(c, script);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Runs statements one by one, each as it is (no splitting at {@code ;}, so values such as WordPress's
     * PHP-serialized {@code a:1:{s:13:"administrator";b:1;}} survive), in one connection.
     */
    default void executeEach(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs one statement with bound parameters ({@code ?}); returns the update count. */
    default int update(String sql, Object... parameters) {
        try (Connection c = connect(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a query with bound parameters returning a single text value (null for SQL NULL). */
    default String queryValue(String sql, Object... parameters) {
        try (Connection c = connect(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("No row: " + sql);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a query returning a single number, e.g. {@code SELECT count(*) FROM auth_user}. */
    default long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("No row: " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a query returning a single text value (null for SQL NULL). */
    default String queryString(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("No row: " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Django schema + {@code seed.sql}; with {@code longHashes} also widens the password column and loads
     * {@code seed-long-hashes.sql}. For an empty database. */
    default void createSchemaAndSeed(boolean longHashes) {
        execute(LegacyDbScripts.schema(dialect()));
        execute(LegacyDbScripts.seed());
        if (longHashes) {
            execute(dialect().widenPasswordColumn());
            execute(LegacyDbScripts.longHashSeed());
        }
    }

    /** The connection part of a {@code legacy-database} component config for this database (Django preset). */
    default Map<String, Object> componentConfig(KeycloakEnvironment keycloak) {
        Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        cfg.put("jdbcUrl", keycloak.jdbcUrlSeenByKeycloak(jdbcUrl()));
        if (username() != null) {
            cfg.put("jdbcUser", username());
            cfg.put("jdbcPassword", password());
        }
        cfg.put("schemaPreset", "django");
        cfg.put("enabled", "true");
        return cfg;
    }

    @Override
    void close();
}
