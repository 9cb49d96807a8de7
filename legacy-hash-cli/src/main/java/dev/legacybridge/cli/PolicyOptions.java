package dev.legacybridge.cli;

import dev.legacybridge.hash.CostLimits;
import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.LegacyPasswordVerifier;
import dev.legacybridge.hash.SchemeInfo;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link HashPolicy} flags shared by the verifying commands. Without flags the policy is
 * {@link HashPolicy#defaults()}: every scheme except the weak ones, default caps, no upgrade target.
 */
final class PolicyOptions {

    @Option(names = "--allow", split = ",", paramLabel = "SCHEME",
            description = "Allow only these schemes (ids as listed by 'legacy-hash schemes'); repeatable.")
    private List<String> allow;

    @Option(names = "--allow-weak", description = "Also allow the weak schemes (md5, sha1, unsalted, {SSHA}).")
    private boolean allowWeak;

    @Option(names = "--max-pbkdf2-iterations", paramLabel = "N", description = "Cap for PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    private int maxPbkdf2Iterations = CostLimits.defaults().maxPbkdf2Iterations();

    @Option(names = "--max-bcrypt-cost", paramLabel = "N", description = "Cap for bcrypt's cost (default ${DEFAULT-VALUE}).")
    private int maxBcryptCost = CostLimits.defaults().maxBcryptCost();

    @Option(names = "--max-argon2-memory-kib", paramLabel = "N", description = "Cap for argon2 m in KiB (default ${DEFAULT-VALUE}).")
    private int maxArgon2MemoryKib = CostLimits.defaults().maxArgon2MemoryKib();

    @Option(names = "--max-argon2-iterations", paramLabel = "N", description = "Cap for argon2 t (default ${DEFAULT-VALUE}).")
    private int maxArgon2Iterations = CostLimits.defaults().maxArgon2Iterations();

    @Option(names = "--max-argon2-parallelism", paramLabel = "N", description = "Cap for argon2 p (default ${DEFAULT-VALUE}).")
    private int maxArgon2Parallelism = CostLimits.defaults().maxArgon2Parallelism();

    @Option(names = "--max-scrypt-nrp", paramLabel = "N", description = "Cap for scrypt N*r*p (default ${DEFAULT-VALUE}).")
    private long maxScryptNrp = CostLimits.defaults().maxScryptNrp();

    @Option(names = "--max-sha-crypt-rounds", paramLabel = "N", description = "Cap for SHA-crypt rounds (default ${DEFAULT-VALUE}).")
    private int maxShaCryptRounds = CostLimits.defaults().maxShaCryptRounds();

    @Option(names = "--upgrade-target", paramLabel = "SCHEME[:COST]",
            description = "Report whether a match should be re-encoded to this target, e.g. bcrypt:12, "
                    + "django_pbkdf2_sha256:1000000, argon2.")
    private String upgradeTarget;

    /**
     * @throws UsageException for an unknown scheme id, a cap out of range or a bad upgrade target
     */
    HashPolicy policy() {
        Set<String> known = new LinkedHashSet<>();
        Set<String> weak = new LinkedHashSet<>();
        for (SchemeInfo info : LegacyPasswordVerifier.schemes()) {
            known.add(info.id());
            if (info.weak()) {
                weak.add(info.id());
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        if (allow == null) {
            allowed.addAll(HashPolicy.defaults().allowedSchemes());
        } else {
            for (String id : allow) {
                String trimmed = id.trim();
                if (!known.contains(trimmed)) {
                    throw new UsageException("unknown scheme '" + trimmed + "' in --allow (see legacy-hash schemes)");
                }
                allowed.add(trimmed);
            }
        }
        if (allowWeak) {
            allowed.addAll(weak);
        }
        CostLimits limits;
        try {
            limits = new CostLimits(maxPbkdf2Iterations, maxBcryptCost, maxArgon2MemoryKib, maxArgon2Iterations,
                    maxArgon2Parallelism, maxScryptNrp, maxShaCryptRounds);
        } catch (IllegalArgumentException e) {
            throw new UsageException("a --max-* cap is out of range (minimums: pbkdf2 1, bcrypt 4-31, argon2 memory 8, "
                    + "iterations 1, parallelism 1, scrypt 2, sha-crypt 1000)");
        }
        HashPolicy policy = new HashPolicy(allowed, limits, java.util.Optional.empty());
        if (upgradeTarget != null) {
            try {
                policy = policy.withUpgradeTarget(EncodingTarget.parse(upgradeTarget));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--upgrade-target: " + e.getMessage());
            }
        }
        return policy;
    }
}
