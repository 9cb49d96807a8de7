package dev.legacybridge.hash;

/**
 * A stored value that its {@link PasswordScheme} has parsed and validated: its cost parameters are known, so the
 * verifier can compare them with the {@link CostLimits} before {@link #matches(byte[])} does any work.
 */
public interface StoredHash {

    /** The work a check would take; compared with the policy's caps before hashing. */
    HashCost cost();

    /**
     * Hashes {@code password} as the legacy application would and compares the result with the stored digest in
     * constant time. Only called after the cost has been accepted.
     *
     * @param password the candidate's UTF-8 bytes, at most {@value LegacyPasswordVerifier#MAX_PASSWORD_BYTES} of them;
     *                 the caller wipes the array afterwards
     */
    boolean matches(byte[] password);

    /**
     * Whether a matching login should re-encode this value to {@code target}, given that the value is of the target's
     * own scheme ({@link EncodingTarget#verifiedScheme()}): by default its cost is below the target's. Formats that
     * hold several algorithms under one scheme id (Spring's {@code {id}} prefixes, ASP.NET's versions and PRFs) also
     * answer {@code true} when the algorithm is not the one the target writes.
     */
    default boolean below(EncodingTarget target) {
        return cost().below(target);
    }

    /** {@code false} only for Django's unusable ({@code !}) passwords, which match nothing. */
    default boolean usable() {
        return true;
    }

    /**
     * The value as a plain PBKDF2 or Argon2 hash that another system can verify from its parameters, or empty when the
     * format is anything else (bcrypt, scrypt, SHA-crypt, salted digests, recipes) or uses the function with inputs
     * such a system would not reproduce.
     */
    default java.util.Optional<StandardHash> standardForm() {
        return java.util.Optional.empty();
    }
}
