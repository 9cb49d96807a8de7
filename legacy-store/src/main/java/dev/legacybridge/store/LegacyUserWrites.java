package dev.legacybridge.store;

import java.sql.Types;
import java.util.Objects;

/**
 * The only statements that change the legacy table: a new password hash, a profile field, the migrated flag (modes
 * WRITABLE and MIGRATE). Each writes one row by primary key and says whether a row was there.
 */
public final class LegacyUserWrites {

    private final UserTable t;

    LegacyUserWrites(UserTable table) {
        this.t = table;
    }

    /** Replaces the stored password hash. Returns whether a row was updated. */
    public boolean updatePasswordHash(String userId, String newHash) {
        Objects.requireNonNull(newHash, "newHash");
        String sql = "UPDATE " + t.usersTable() + " SET " + t.q(t.schema().passwordColumn()) + " = ? WHERE "
                + t.q(t.schema().idColumn()) + " = ?";
        return t.withIdBound(userId, "update password hash", bound -> t.update("update password hash", sql, (ps, i) -> {
            ps.setString(i++, newHash);
            return bound.bind(ps, i);
        }) > 0, false);
    }

    /**
     * Writes one profile field. Strings for email and names, a {@link Boolean} for {@link ProfileField#ACTIVE}. A
     * cleared value ({@code null}) is written as SQL NULL, or as {@code ''} when the column is NOT NULL, which is how
     * Django (and most apps with such columns) store "blank".
     *
     * @throws InvalidSchemaException if the schema does not map that field
     */
    public boolean updateField(String userId, ProfileField field, Object value) {
        String column = field.column(t.schema());
        if (column == null) {
            throw new InvalidSchemaException("the legacy schema maps no column for " + field);
        }
        String sql = "UPDATE " + t.usersTable() + " SET " + t.q(column) + " = ? WHERE " + t.q(t.schema().idColumn()) + " = ?";
        boolean blankAsEmpty = field != ProfileField.ACTIVE && value == null && t.notNull(column);
        return t.withIdBound(userId, "update " + field, bound -> t.update("update " + field, sql, (ps, i) -> {
            if (field == ProfileField.ACTIVE) {
                ps.setBoolean(i++, Boolean.TRUE.equals(value));
            } else if (value == null && blankAsEmpty) {
                ps.setString(i++, "");
            } else if (value == null) {
                ps.setNull(i++, Types.VARCHAR);
            } else {
                ps.setString(i++, value.toString());
            }
            return bound.bind(ps, i);
        }) > 0, false);
    }

    /** Sets the migrated column to true. Returns false when no migrated column is mapped or no row matched. */
    public boolean markMigrated(String userId) {
        if (t.schema().migratedColumn() == null) {
            return false;
        }
        String sql = "UPDATE " + t.usersTable() + " SET " + t.q(t.schema().migratedColumn()) + " = ? WHERE "
                + t.q(t.schema().idColumn()) + " = ?";
        return t.withIdBound(userId, "mark user migrated", bound -> t.update("mark user migrated", sql, (ps, i) -> {
            ps.setBoolean(i++, true);
            return bound.bind(ps, i);
        }) > 0, false);
    }
}
