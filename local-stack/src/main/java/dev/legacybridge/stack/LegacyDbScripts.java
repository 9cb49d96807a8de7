package dev.legacybridge.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files of {@code legacy-db/} (packaged into this module's jar under {@code legacy-db/}): Django's auth schema per
 * database, the portable seed, and the seed rows whose hashes are longer than Django's {@code varchar(128)}.
 */
public final class LegacyDbScripts {

    /** Database families with their own schema file. */
    public enum Dialect {
        POSTGRESQL("schema-postgresql.sql", "indexes-optional-postgresql.sql"),
        /** MySQL and MariaDB. */
        MYSQL("schema-mysql.sql", "indexes-optional-mysql.sql"),
        SQLITE("schema-sqlite.sql", "indexes-optional-sqlite.sql");

        private final String schemaFile;
        private final String indexesFile;

        Dialect(String schemaFile, String indexesFile) {
            this.schemaFile = schemaFile;
            this.indexesFile = indexesFile;
        }

        /** Statement that widens auth_user.password so {@link #longHashSeed()} fits (not needed on SQLite). */
        public String widenPasswordColumn() {
            return switch (this) {
                case POSTGRESQL -> "ALTER TABLE auth_user ALTER COLUMN password TYPE varchar(255)";
                case MYSQL -> "ALTER TABLE auth_user MODIFY password varchar(255) NOT NULL";
                case SQLITE -> "SELECT 1";
            };
        }
    }

    private LegacyDbScripts() {
    }

    /** Django's auth_group, auth_user and auth_user_groups as Django creates them on {@code dialect}. */
    public static String schema(Dialect dialect) {
        return resource(dialect.schemaFile);
    }

    /** Optional lower(username) / lower(email) indexes; not part of Django's schema. */
    public static String optionalIndexes(Dialect dialect) {
        return resource(dialect.indexesFile);
    }

    /** {@code seed.sql}: groups, users (every hash family that fits varchar(128)) and memberships. */
    public static String seed() {
        return resource("seed.sql");
    }

    /** {@code seed-long-hashes.sql}: users whose hashes exceed varchar(128) (passlib pbkdf2_sha512, Werkzeug scrypt). */
    public static String longHashSeed() {
        return resource("seed-long-hashes.sql");
    }

    /** {@code schema-django-otp-postgresql.sql}: django-otp's TOTP and static-token tables (needs auth_user). */
    public static String djangoOtpSchemaPostgresql() {
        return resource("schema-django-otp-postgresql.sql");
    }

    static String resource(String file) {
        String path = "legacy-db/" + file;
        try (InputStream in = LegacyDbScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
