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
 */
public record LegacyUser(String id, String username, String passwordHash, String email, String firstName,
                         String lastName, boolean active, Instant created, boolean migrated,
                         Map<String, String> attributes, Map<String, Boolean> flags) {

    public LegacyUser {
        Objects.requireNonNull(id, "id");
        username = username == null ? "" : username;
        attributes = Map.copyOf(attributes);
        flags = Map.copyOf(flags);
    }

    @Override
    public String toString() {
        return "LegacyUser[id=" + id + ", username=" + username + ", email=" + email + ", active=" + active
                + ", migrated=" + migrated + "]";
    }
}
