package dev.legacybridge.cli;

import dev.legacybridge.hash.EncodingTarget;
import dev.legacybridge.hash.HashPolicy;
import dev.legacybridge.hash.HashPolicyParser;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link HashPolicy} flags shared by the verifying commands. They are read by {@link HashPolicyParser}, the same
 * reading as the Keycloak provider's configuration (each flag is a component configuration key), so a row is judged
 * alike by both. Without flags the policy is {@link HashPolicy#defaults()}: every scheme except the weak ones, default
 * caps, no upgrade target.
 */
final class PolicyOptions {

    @Option(names = "--allow", split = ",", paramLabel = "SCHEME",
            description = "Allow only these schemes or families (as listed by 'legacy-hash schemes'); repeatable. "
                    + "A family allows its members that are not weak.")
    private List<String> allow;

    @Option(names = "--allow-weak", description = "Also allow every weak scheme (md5, sha1, {SSHA}, md5-crypt, "
            + "Spring's plain digests, digest recipes...).")
    private boolean allowWeak;

    @Option(names = "--max-pbkdf2-iterations", paramLabel = "N",
            description = "Cap for PBKDF2 iterations and iterated digests (default 2000000).")
    private String maxPbkdf2Iterations;

    @Option(names = "--max-bcrypt-cost", paramLabel = "N", description = "Cap for bcrypt's cost (default 14).")
    private String maxBcryptCost;

    @Option(names = "--max-argon2-memory-kib", paramLabel = "N", description = "Cap for argon2 m in KiB (default 262144).")
    private String maxArgon2MemoryKib;

    @Option(names = "--max-argon2-iterations", paramLabel = "N", description = "Cap for argon2 t (default 16).")
    private String maxArgon2Iterations;

    @Option(names = "--max-argon2-parallelism", paramLabel = "N", description = "Cap for argon2 p (default 16).")
    private String maxArgon2Parallelism;

    @Option(names = "--max-scrypt-nrp", paramLabel = "N",
            description = "Cap for scrypt N*r*p, also Firebase scrypt and yescrypt (default 1048576).")
    private String maxScryptNrp;

    @Option(names = "--max-sha-crypt-rounds", paramLabel = "N", description = "Cap for SHA-crypt rounds (default 1000000).")
    private String maxShaCryptRounds;

    @Option(names = "--max-phpass-cost", paramLabel = "N",
            description = "Cap for phpass/WordPress log2 MD5 rounds (default 20; WordPress writes 13).")
    private String maxPhpassCost;

    @Option(names = "--max-drupal7-cost", paramLabel = "N",
            description = "Cap for Drupal 7 log2 SHA-512 rounds (default 20; Drupal writes 15).")
    private String maxDrupal7Cost;

    @Option(names = "--upgrade-target", paramLabel = "SCHEME[:COST]",
            description = "Report whether a match should be re-encoded to this target, e.g. bcrypt:12, "
                    + "django_pbkdf2_sha256:1000000, argon2, phpass:13, spring_bcrypt:10, aspnet_identity_v3.")
    private String upgradeTarget;

    /**
     * @throws UsageException listing every problem: an unknown scheme id, a cap out of range, a bad upgrade target
     */
    HashPolicy policy() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        put(values, HashPolicyParser.ALLOWED_SCHEMES, allow == null ? null : String.join(",", allow));
        put(values, HashPolicyParser.ALLOW_WEAK_SCHEMES, allowWeak ? "true" : null);
        put(values, HashPolicyParser.MAX_PBKDF2_ITERATIONS, maxPbkdf2Iterations);
        put(values, HashPolicyParser.MAX_BCRYPT_COST, maxBcryptCost);
        put(values, HashPolicyParser.MAX_ARGON2_MEMORY_KIB, maxArgon2MemoryKib);
        put(values, HashPolicyParser.MAX_ARGON2_ITERATIONS, maxArgon2Iterations);
        put(values, HashPolicyParser.MAX_ARGON2_PARALLELISM, maxArgon2Parallelism);
        put(values, HashPolicyParser.MAX_SCRYPT_NRP, maxScryptNrp);
        put(values, HashPolicyParser.MAX_SHA_CRYPT_ROUNDS, maxShaCryptRounds);
        put(values, HashPolicyParser.MAX_PHPASS_COST, maxPhpassCost);
        put(values, HashPolicyParser.MAX_DRUPAL7_COST, maxDrupal7Cost);
        HashPolicyParser.Result result = HashPolicyParser.parse(values);
        List<String> problems = new ArrayList<>();
        for (HashPolicyParser.Problem problem : result.problems()) {
            problems.add(problem.message(optionName(problem.key())));
        }
        HashPolicy policy = result.policy();
        if (upgradeTarget != null) {
            try {
                policy = policy.withUpgradeTarget(EncodingTarget.parse(upgradeTarget));
            } catch (IllegalArgumentException e) {
                problems.add("--upgrade-target: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return policy;
    }

    private static void put(Map<String, List<String>> values, String key, String value) {
        if (value != null) {
            values.put(key, List.of(value));
        }
    }

    /** {@code maxBcryptCost} to {@code --max-bcrypt-cost}, {@code allowedSchemes} to {@code --allow}. */
    static String optionName(String key) {
        return switch (key) {
            case HashPolicyParser.ALLOWED_SCHEMES -> "--allow";
            case HashPolicyParser.ALLOW_WEAK_SCHEMES -> "--allow-weak";
            default -> "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        };
    }
}
