package dev.legacybridge.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A SQLite legacy database file with Django's auth schema and the seed rows of {@code legacy-db/}. */
public final class LegacySqlite {

    private LegacySqlite() {
    }

    /**
     * Creates {@code file} with the Django schema, {@code seed.sql} and {@code seed-long-hashes.sql} (SQLite does not
     * enforce varchar lengths) unless it exists already. Written to a temporary file first, so a half-seeded
     * database never appears under the real name.
     *
     * @return whether the file was created
     */
    public static boolean createIfMissing(Path file) {
        if (Files.exists(file)) {
            return false;
        }
        create(file);
        return true;
    }

    /** (Re)creates {@code file} from scratch. */
    public static void create(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.delete(tmp);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp)) {
                c.setAutoCommit(false);
                SqlScript.run(c, LegacyDbScripts.schema(LegacyDbScripts.Dialect.SQLITE));
                SqlScript.run(c, LegacyDbScripts.seed());
                SqlScript.run(c, LegacyDbScripts.longHashSeed());
                c.commit();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot seed " + file + ": " + e.getMessage(), e);
        }
    }

    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
