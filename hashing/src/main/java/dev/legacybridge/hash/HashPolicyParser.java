package dev.legacybridge.hash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one reading of a hash policy from configuration values, shared by the Keycloak provider (component
 * configuration) and the {@code legacy-hash} CLI (options), so that a row is judged by the same rules in both.
 *
 * <table>
 *   <caption>Keys (the provider's component configuration keys)</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@value #ALLOWED_SCHEMES}</td><td>scheme ids or {@link SchemeFamilies family} names; several values,
 *       or one value split at {@code ##} (the admin console's multi-valued form) or commas</td><td>every scheme
 *       that is not weak</td></tr>
 *   <tr><td>{@value #ALLOW_WEAK_SCHEMES}</td><td>{@code true}/{@code false}: add every weak scheme</td>
 *       <td>false</td></tr>
 *   <tr><td>the caps of {@link #CAPS}</td><td>whole numbers within each cap's range</td><td>{@link CostLimits#defaults()}</td></tr>
 * </table>
 *
 * <p>Every problem is collected (nothing stops at the first), and each names the field and the rule, never a secret.
 * The upgrade target is not part of the policy's configuration: the provider derives it from its write format, the
 * CLI from {@code --upgrade-target}; both then call {@link HashPolicy#withUpgradeTarget(EncodingTarget)}.
 */
public final class HashPolicyParser {

    public static final String ALLOWED_SCHEMES = "allowedSchemes";
    public static final String ALLOW_WEAK_SCHEMES = "allowWeakSchemes";
    public static final String MAX_PBKDF2_ITERATIONS = "maxPbkdf2Iterations";
    public static final String MAX_BCRYPT_COST = "maxBcryptCost";
    public static final String MAX_ARGON2_MEMORY_KIB = "maxArgon2MemoryKib";
    public static final String MAX_ARGON2_ITERATIONS = "maxArgon2Iterations";
    public static final String MAX_ARGON2_PARALLELISM = "maxArgon2Parallelism";
    public static final String MAX_SCRYPT_NRP = "maxScryptNrp";
    public static final String MAX_SHA_CRYPT_ROUNDS = "maxShaCryptRounds";
    public static final String MAX_PHPASS_COST = "maxPhpassCost";
    public static final String MAX_DRUPAL7_COST = "maxDrupal7Cost";

    /**
     * One cost cap: its key, the label the admin console shows, its default and its accepted range, and one line of
     * help.
     */
    public record Cap(String key, String label, long defaultValue, long min, long max, String help) {
    }

    /** Every cap, in the order of {@link CostLimits}'s components. */
    public static final List<Cap> CAPS = caps();

    /**
     * A problem with one value.
     *
     * @param key   the configuration key
     * @param label the field's default name ({@link Cap#label()}, or "Allowed hash schemes", "Allow weak schemes")
     * @param rule  the rest of the message, starting with a space or a colon
     */
    public record Problem(String key, String label, String rule) {
        /** With the default field name, e.g. {@code Max bcrypt cost must be between 4 and 31, got 40}. */
        public String message() {
            return label + rule;
        }

        /** With the caller's name for the field, e.g. {@code --max-bcrypt-cost must be between 4 and 31, got 40}. */
        public String message(String fieldName) {
            return fieldName + rule;
        }
    }

    /** The policy read, and every problem found; when there are problems the policy holds defaults in their place. */
    public record Result(HashPolicy policy, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private HashPolicyParser() {
    }

    private static List<Cap> caps() {
        CostLimits d = CostLimits.defaults();
        return List.of(
                new Cap(MAX_PBKDF2_ITERATIONS, "Max PBKDF2 iterations", d.maxPbkdf2Iterations(), 1, Integer.MAX_VALUE,
                        "Rows asking for more PBKDF2 iterations (any PBKDF2, and iterated digests) are refused before "
                                + "hashing, so a corrupt or hostile row cannot make a login burn seconds of CPU."),
                new Cap(MAX_BCRYPT_COST, "Max bcrypt cost", d.maxBcryptCost(), 4, 31,
                        "Highest bcrypt cost (log2 rounds) accepted."),
                new Cap(MAX_ARGON2_MEMORY_KIB, "Max argon2 memory (KiB)", d.maxArgon2MemoryKib(), 8, 4_194_304,
                        "Highest argon2 m accepted."),
                new Cap(MAX_ARGON2_ITERATIONS, "Max argon2 iterations", d.maxArgon2Iterations(), 1, 1000,
                        "Highest argon2 t accepted."),
                new Cap(MAX_ARGON2_PARALLELISM, "Max argon2 parallelism", d.maxArgon2Parallelism(), 1, 255,
                        "Highest argon2 p accepted."),
                new Cap(MAX_SCRYPT_NRP, "Max scrypt N*r*p", d.maxScryptNrp(), 2, 1L << 30,
                        "Highest scrypt N*r*p accepted (also Firebase scrypt, and yescrypt's N*r*p*max(1,t)); memory "
                                + "use is about 128 bytes times this value."),
                new Cap(MAX_SHA_CRYPT_ROUNDS, "Max SHA-crypt rounds", d.maxShaCryptRounds(), 1000, 999_999_999,
                        "Highest rounds= accepted for $5$ and $6$ hashes."),
                new Cap(MAX_PHPASS_COST, "Max phpass cost", d.maxPhpassCost(), 7, 30,
                        "Highest phpass/WordPress count accepted, as log2 of the MD5 rounds ($P$B = 13)."),
                new Cap(MAX_DRUPAL7_COST, "Max Drupal 7 cost", d.maxDrupal7Cost(), 7, 30,
                        "Highest Drupal 7 count accepted, as log2 of the SHA-512 rounds ($S$D = 15)."));
    }

    /**
     * Reads a policy. Absent keys take their defaults; blank values count as absent.
     *
     * @param values configuration values by key; unknown keys are ignored (the provider passes its whole
     *               configuration)
     */
    public static Result parse(Map<String, ? extends Collection<String>> values) {
        List<Problem> problems = new ArrayList<>();
        Set<String> allowed = allowedSchemes(values, problems);
        String weak = single(values, ALLOW_WEAK_SCHEMES);
        if (weak != null) {
            switch (weak.toLowerCase(Locale.ROOT)) {
                case "true" -> LegacyPasswordVerifier.schemes().stream().filter(SchemeInfo::weak)
                        .forEach(i -> allowed.add(i.id()));
                case "false" -> { }
                default -> problems.add(new Problem(ALLOW_WEAK_SCHEMES, "Allow weak schemes",
                        " must be true or false, got '" + abbreviate(weak) + "'"));
            }
        }
        long[] caps = new long[CAPS.size()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = number(values, CAPS.get(i), problems);
        }
        CostLimits limits = new CostLimits((int) caps[0], (int) caps[1], (int) caps[2], (int) caps[3], (int) caps[4],
                caps[5], (int) caps[6], (int) caps[7], (int) caps[8]);
        return new Result(new HashPolicy(allowed, limits, Optional.empty()), problems);
    }

    private static Set<String> allowedSchemes(Map<String, ? extends Collection<String>> values,
                                              List<Problem> problems) {
        Collection<String> raw = values.get(ALLOWED_SCHEMES);
        List<String> configured = new ArrayList<>();
        if (raw != null) {
            for (String value : raw) {
                if (value != null) {
                    Arrays.stream(value.split("##|,")).map(String::trim).filter(v -> !v.isEmpty())
                            .forEach(configured::add);
                }
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        if (configured.isEmpty()) {
            allowed.addAll(HashPolicy.defaults().allowedSchemes());
            return allowed;
        }
        Set<String> known = new LinkedHashSet<>();
        Set<String> weak = new LinkedHashSet<>();
        for (SchemeInfo info : LegacyPasswordVerifier.schemes()) {
            known.add(info.id());
            if (info.weak()) {
                weak.add(info.id());
            }
        }
        for (String id : configured) {
            if (known.contains(id)) {
                allowed.add(id);
            } else if (SchemeFamilies.FAMILIES.containsKey(id)) {
                SchemeFamilies.FAMILIES.get(id).stream().filter(member -> !weak.contains(member)).forEach(allowed::add);
            } else {
                Set<String> names = new TreeSet<>(known);
                names.addAll(SchemeFamilies.FAMILIES.keySet());
                problems.add(new Problem(ALLOWED_SCHEMES, "Allowed hash schemes", ": unknown scheme '"
                        + abbreviate(id) + "'; known: " + String.join(", ", names)));
            }
        }
        return allowed;
    }

    private static long number(Map<String, ? extends Collection<String>> values, Cap cap, List<Problem> problems) {
        String value = single(values, cap.key());
        if (value == null) {
            return cap.defaultValue();
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < cap.min() || parsed > cap.max()) {
                problems.add(new Problem(cap.key(), cap.label(), " must be between " + cap.min() + " and " + cap.max()
                        + ", got " + parsed));
                return cap.defaultValue();
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(new Problem(cap.key(), cap.label(), " must be a whole number, got '" + abbreviate(value) + "'"));
            return cap.defaultValue();
        }
    }

    private static String single(Map<String, ? extends Collection<String>> values, String key) {
        Collection<String> raw = values.get(key);
        if (raw == null) {
            return null;
        }
        for (String value : raw) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
