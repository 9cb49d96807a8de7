package dev.legacybridge.hash;

import java.util.List;
import java.util.Set;

/**
 * Verifies candidate passwords against legacy stored hashes of any supported format, detected per stored value.
 *
 * <p>Immutable and thread-safe. {@link #verify(String, String)} never throws, never hangs and never allocates more
 * than the policy's caps allow, whatever it is given.
 */
public final class LegacyPasswordVerifier {

    private final HashPolicy policy;

    public LegacyPasswordVerifier(HashPolicy policy) {
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    public HashPolicy policy() {
        return policy;
    }

    /**
     * Checks {@code password} (hashed as its UTF-8 bytes, with no Unicode normalisation) against {@code stored}.
     * A null password never matches.
     */
    public VerificationResult verify(String password, String stored) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Classifies a stored value without hashing anything. */
    public HashInspection inspect(String stored) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every supported scheme, in a stable order. */
    public static List<SchemeInfo> schemes() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static Set<String> allSchemeIds() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    static Set<String> strongSchemeIds() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
