package dev.legacybridge.hash;

import java.util.Objects;

/**
 * The answer of {@link LegacyPasswordVerifier#verify(String, String)}.
 *
 * @param outcome            what the check came to
 * @param scheme             the id of the scheme that recognised the stored value (see {@link SchemeInfo#id()}),
 *                           {@value SchemeIds#EMPTY} for an empty or null stored value, or {@value SchemeIds#UNKNOWN}
 *                           when no scheme recognised it
 * @param upgradeRecommended true only for a {@link Outcome#MATCH} whose stored value should be re-encoded: a weak
 *                           scheme, or a scheme or cost below the policy's upgrade target
 * @param reason             a short explanation safe to log: it never contains the password, the hash, the salt or
 *                           any other part of the stored value, only scheme ids and numeric parameters
 */
public record VerificationResult(Outcome outcome, String scheme, boolean upgradeRecommended, String reason) {

    public VerificationResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(reason, "reason");
        if (upgradeRecommended && outcome != Outcome.MATCH) {
            throw new IllegalArgumentException("only a match can recommend an upgrade");
        }
    }

    /** {@code true} only for {@link Outcome#MATCH}. */
    public boolean matches() {
        return outcome == Outcome.MATCH;
    }
}
