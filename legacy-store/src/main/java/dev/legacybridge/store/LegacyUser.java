package dev.legacybridge.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the legacy users table, as read. Optional columns that are not mapped, or SQL {@code NULL}, are
 * {@code null}.
 *
 * <p>{@link #toString()} leaves the password hash out: records print every component by default, and this one
 * ends up in log lines and assertion messages.
 *
 * @param id           primary key as text (numbers and UUIDs are rendered with {@code toString})
 * @param username     as stored (case preserved); empty when the row has none (such a row can never log in)
 * @param passwordHash as stored; may be null or empty (no password)
 * @param active       {@code true} when there is no active column
 * @param created      account creation time, if mapped and parseable
 * @param migrated     value of the migrated column, {@code false} when not mapped
 * @param attributes   extra attribute columns by column name; values as text, absent when NULL
 * @param flags        role flag columns by column name
 * @param passwordSalt the salt column's value, or null (no salt column, or NULL)
 * @param lockedUntil  end of a lockout (ASP.NET Identity's {@code LockoutEnd}), or null when not mapped or NULL
 */
public record LegacyUser(String id, String username, String passwordHash, String email, String firstName,
                         String lastName, boolean active, Instant created, boolean migrated,
                         Map<String, String> attributes, Map<String, Boolean> flags, String passwordSalt,
                         Instant lockedUntil) {

    public LegacyUser {
        Objects.requireNonNull(id, "id");
        username = username == null ? "" : username;
        attributes = Map.copyOf(attributes);
        flags = Map.copyOf(flags);
    }

    /** A row of a table without salt or lockout columns. */
    public LegacyUser(String id, String username, String passwordHash, String email, String firstName,
                      String lastName, boolean active, Instant created, boolean migrated,
                      Map<String, String> attributes, Map<String, Boolean> flags) {
        this(id, username, passwordHash, email, firstName, lastName, active, created, migrated, attributes, flags,
                null, null);
    }

    /** Whether a lockout is in force at {@code now}: such a row cannot log in until it ends. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** This row with another email, names or active flag (what a WRITABLE edit changes); everything else kept. */
    public LegacyUser withProfile(String newEmail, String newFirstName, String newLastName, boolean newActive) {
        return new LegacyUser(id, username, passwordHash, newEmail, newFirstName, newLastName, newActive, created,
                migrated, attributes, flags, passwordSalt, lockedUntil);
    }

    @Override
    public String toString() {
        return "LegacyUser[id=" + id + ", username=" + username + ", email=" + email + ", active=" + active
                + ", migrated=" + migrated + (lockedUntil == null ? "" : ", lockedUntil=" + lockedUntil) + "]";
    }
}
