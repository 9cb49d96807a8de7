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
