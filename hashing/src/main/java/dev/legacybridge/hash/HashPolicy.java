package dev.legacybridge.hash;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which stored formats may be verified, how much work they may ask for, and what a matching hash should be upgraded to.
 *
 * <p>Weak schemes (see {@link SchemeInfo#weak()}: Django's salted and unsalted md5/sha1, the LDAP salted digests and
 * {@code {SHA}}, MD5-crypt and {@code $apr1$}, Spring's plain-digest and plain-text encoders, digest recipes) are not in
 * {@link #defaults()}; an administrator opts in to them explicitly, typically only for the time it takes to migrate.
 * {@link HashPolicyParser} reads a policy from configuration values, the same way for the provider and the CLI.
 *
 * @param allowedSchemes scheme ids (see {@link SchemeIds}) that may be verified; others give {@link Outcome#NOT_ALLOWED}
 * @param limits         cost caps; a value above a cap gives {@link Outcome#NOT_ALLOWED} without hashing
 * @param upgradeTarget  when present, a match in another scheme or at a lower cost recommends an upgrade
 */
public record HashPolicy(Set<String> allowedSchemes, CostLimits limits, Optional<EncodingTarget> upgradeTarget) {

    public HashPolicy {
        allowedSchemes = Set.copyOf(Objects.requireNonNull(allowedSchemes, "allowedSchemes"));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(upgradeTarget, "upgradeTarget");
    }

    /** Every scheme that is not weak, default caps, no upgrade target. */
    public static HashPolicy defaults() {
        return new HashPolicy(LegacyPasswordVerifier.strongSchemeIds(), CostLimits.defaults(), Optional.empty());
    }

    /** Every scheme, weak ones included, default caps, no upgrade target. */
    public static HashPolicy allowingAll() {
        return new HashPolicy(LegacyPasswordVerifier.allSchemeIds(), CostLimits.defaults(), Optional.empty());
    }

    public HashPolicy withAllowedSchemes(Set<String> schemes) {
        return new HashPolicy(schemes, limits, upgradeTarget);
    }

    public HashPolicy withLimits(CostLimits newLimits) {
        return new HashPolicy(allowedSchemes, newLimits, upgradeTarget);
    }

    public HashPolicy withUpgradeTarget(EncodingTarget target) {
        return new HashPolicy(allowedSchemes, limits, Optional.ofNullable(target));
    }

    public boolean allows(String schemeId) {
        return allowedSchemes.contains(schemeId);
    }
}
