package dev.legacybridge.hash;

/**
 * What a legacy row holds for one user's password: the stored value, and for formats that keep the salt apart from
 * it, the salt (a salt column, or Firebase's exported {@code salt}).
 *
 * <p>{@link #toString()} shows neither field.
 *
 * @param value the password column as stored; may be null or empty (no password)
 * @param salt  the salt column as stored, or null when the table has none; only configured formats
 *              ({@link ConfiguredFormat}: {@code firebase_scrypt}, recipes with {@code salt_source=column}) read it
 */
public record StoredPassword(String value, String salt) {

    /** A value without a separate salt. */
    public static StoredPassword of(String value) {
        return new StoredPassword(value, null);
    }

    @Override
    public String toString() {
        return "StoredPassword[value=" + (value == null ? "null" : "<" + value.length() + " chars>") + ", salt="
                + (salt == null ? "null" : "<" + salt.length() + " chars>") + "]";
    }
}
