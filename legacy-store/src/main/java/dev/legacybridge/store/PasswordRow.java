package dev.legacybridge.store;

/**
 * One row's stored password as a survey of the table reads it: the id, the password column and the salt column (null
 * when the table has none). {@link #toString()} shows neither value.
 */
public record PasswordRow(String id, String hash, String salt) {

    @Override
    public String toString() {
        return "PasswordRow[id=" + id + "]";
    }
}
