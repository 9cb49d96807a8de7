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

    /** {@code false} only for Django's unusable ({@code !}) passwords, which match nothing. */
    default boolean usable() {
        return true;
    }
}
