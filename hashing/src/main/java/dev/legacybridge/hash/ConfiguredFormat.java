package dev.legacybridge.hash;

/**
 * A stored format whose parameters come from configuration instead of the stored value, and that has no prefix to be
 * recognised by: Firebase's modified scrypt ({@value SchemeIds#FIREBASE_SCRYPT}) and recipes for home-grown hashes
 * ({@value SchemeIds#RECIPE_DIGEST}, {@value SchemeIds#RECIPE_PBKDF2}). At most one is configured per verifier (the
 * users table's own format, see {@link SchemeConfiguration}).
 *
 * <p>The verifier gives it a value before the prefix registry when the value has exactly its
 * {@linkplain #hasShape(String) shape}, and after the registry when no prefix claims the value (a configured format
 * then reports such a value as malformed rather than leaving it unknown). Implementations are immutable, never log,
 * and keep the contract of {@link PasswordScheme}: reasons hold field names and numbers only.
 */
public interface ConfiguredFormat {

    SchemeInfo info();

    /**
     * Whether {@code stored} has exactly this format's shape (alphabet and length, and the salt separator where the
     * salt is inside the value). Cheap; decides nothing about the salt column.
     */
    boolean hasShape(String stored);

    /**
     * Whether stored values are binary (recipe encoding {@code raw}: one character per byte, U+0000 to U+00FF), so
     * control characters in them are data rather than corruption.
     */
    default boolean binary() {
        return false;
    }

    /**
     * Whether a check needs the row's salt ({@link StoredPassword#salt()}): a {@code verify} without one is
     * {@link Outcome#MALFORMED}, while {@code inspect}, which an audit runs on the password column alone, does not
     * ask for it.
     */
    default boolean requiresSalt() {
        return false;
    }

    /**
     * Parses a value (and the row's salt, if this format reads one and it is given) without hashing.
     *
     * @throws MalformedHashException if the value or the salt does not fit the format
     */
    StoredHash parse(StoredPassword stored) throws MalformedHashException;
}
