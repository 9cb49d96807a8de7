package dev.legacybridge.it;

import dev.legacybridge.stack.LegacyDbScripts;
import dev.legacybridge.stack.LegacySqlite;
import java.nio.file.Path;

/** A SQLite file with the Django schema, {@code seed.sql} and {@code seed-long-hashes.sql}. */
final class SqliteLegacyDatabase implements LegacyDatabase {

    private final Path file;

    private SqliteLegacyDatabase(Path file) {
        this.file = file;
    }

    /** (Re)creates {@code file} freshly seeded. */
    static SqliteLegacyDatabase create(Path file) {
        LegacySqlite.create(file);
        return new SqliteLegacyDatabase(file.toAbsolutePath());
    }

    /**
     * (Re)creates {@code file} as an empty SQLite database (no Django tables), for tests that create another
     * framework's tables. The file must lie in the operator's SQLite directory
     * ({@link DistributionKeycloak#legacySqliteDirectory()}) for Keycloak to open it.
     */
    static SqliteLegacyDatabase createEmpty(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(absolute.getParent());
            java.nio.file.Files.deleteIfExists(absolute);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SqliteLegacyDatabase db = new SqliteLegacyDatabase(absolute);
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 1"); // writes the file's header, so that the file exists
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    Path file() {
        return file;
    }

    @Override
    public LegacyDbScripts.Dialect dialect() {
        return LegacyDbScripts.Dialect.SQLITE;
    }

    @Override
    public String jdbcUrl() {
        return LegacySqlite.jdbcUrl(file);
    }

    @Override
    public String username() {
        return null;
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public void close() {
        // a file; nothing runs
    }
}
