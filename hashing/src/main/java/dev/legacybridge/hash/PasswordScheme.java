package dev.legacybridge.hash;

/**
 * One stored hash format. Each implementation owns one format, recognised by its prefix, and knows how to parse and
 * check it; {@link LegacyPasswordVerifier} picks the one scheme that {@linkplain #claims(String) claims} a stored value
 * and then applies the {@link HashPolicy} between parsing and hashing.
 *
 * <p>Claims are mutually exclusive: for any string at most one registered scheme claims it (a test asserts this), so
 * registration order never matters. A claimed value that fails to parse is {@link Outcome#MALFORMED}; it is never
 * handed to another scheme to guess at.
 *
 * <p>Implementations are immutable and thread-safe. They never log, and the messages of their
 * {@link MalformedHashException}s contain only field names and numbers, never any part of the stored value.
 */
public interface PasswordScheme {

    /** Describes the format: id, prefix, weak or not, encodable or not. */
    SchemeInfo info();

    /** The scheme id, one of {@link SchemeIds}. */
    default String id() {
        return info().id();
    }

    /**
     * Whether {@code stored} belongs to this format, decided from its prefix (or, for prefix-less formats, its shape)
     * alone. Cheap and side-effect free; says nothing about whether the value is well formed.
     */
    boolean claims(String stored);

    /**
     * Parses and validates a claimed value completely, without hashing anything and without regard to any policy.
     *
     * @throws MalformedHashException if any field is missing, badly encoded, out of range or followed by junk
     */
    StoredHash parse(String stored) throws MalformedHashException;

    /**
     * As {@link #parse(String)}, for a verifier with a {@link SchemeConfiguration}: schemes whose values leave
     * settings to the application (Spring's {@code {pbkdf2}}, {@code {scrypt}}) read them from it.
     */
    default StoredHash parse(String stored, SchemeConfiguration configuration) throws MalformedHashException {
        return parse(stored);
    }
}
